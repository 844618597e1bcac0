/**
 * Auto-configuration of the gateway check: the servlet filter that puts the target cloud's emulated API gateway in
 * front of the application or, behind the real gateway, reads the caller it verified; decision logs and metrics, and
 * {@code VerifiedToken} handler parameters.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.gateway;

import org.jspecify.annotations.NullMarked;
