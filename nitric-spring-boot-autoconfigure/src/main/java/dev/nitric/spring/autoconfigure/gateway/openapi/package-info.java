/**
 * springdoc integration: the manifest's security schemes and per-route security in the OpenAPI document.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.gateway.openapi;

import org.jspecify.annotations.NullMarked;
