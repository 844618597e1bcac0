/**
 * Issuer keys for the emulated gateway, found by OpenID Connect discovery and kept warm in the background.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.gateway.keys;

import org.jspecify.annotations.NullMarked;
