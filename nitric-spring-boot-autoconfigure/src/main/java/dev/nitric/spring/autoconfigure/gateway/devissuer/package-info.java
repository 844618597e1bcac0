/**
 * The development issuer: an OpenID Connect issuer served by the application itself for local runs.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.gateway.devissuer;

import org.jspecify.annotations.NullMarked;
