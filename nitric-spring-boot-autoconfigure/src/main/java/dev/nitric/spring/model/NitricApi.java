package dev.nitric.spring.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Attaches Spring MVC handler methods to an {@link Api}: on a controller class it attaches every handler method of
 * the class, on a method only that handler (a method's annotation wins over its class's). A handler attached to an
 * API is a route of that API and has the API's security unless it carries {@link RouteSecurity} or
 * {@link PublicRoute}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NitricApi {

	/**
	 * The name of the {@link Api} bean's API.
	 * @return the API name
	 */
	String value();

}
