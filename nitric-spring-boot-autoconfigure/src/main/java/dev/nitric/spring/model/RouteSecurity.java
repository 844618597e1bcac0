package dev.nitric.spring.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the API-level security of a route (a handler method attached with {@link NitricApi}): the request needs
 * a valid token of the {@link #definition() definition} carrying at least one of the {@link #scopes() scopes}.
 * Repeat it to offer alternatives: a request passes when it meets any of them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RouteSecurity.List.class)
public @interface RouteSecurity {

	/**
	 * The name of a security definition of the route's API.
	 * @return the definition name
	 */
	String definition();

	/**
	 * The scopes of which the token must carry at least one; empty for any valid token.
	 * @return the scopes
	 */
	String[] scopes() default {};

	/**
	 * Container of repeated {@link RouteSecurity} annotations.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated annotations.
		 * @return the annotations
		 */
		RouteSecurity[] value();

	}

}
