package dev.nitric.spring.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a route public whatever its API's security: the gateway does not inspect the request at all (a malformed
 * {@code Authorization} header is ignored, as the clouds' gateways ignore it on routes without an authorizer).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicRoute {

}
