/**
 * Spring Security integration of the gateway: a verified token becomes the request's {@code Authentication}, and
 * the gateway's routes are not re-guarded by Spring Security's defaults.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.gateway.security;

import org.jspecify.annotations.NullMarked;
