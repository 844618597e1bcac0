package dev.nitric.spring.autoconfigure.manifest;

import java.util.List;

import dev.nitric.spring.manifest.RouteDeclaration;

/**
 * Finds the handlers of the web framework that are attached to an API or carry route security.
 */
@FunctionalInterface
public interface RouteDeclarations {

	/**
	 * Return the handlers found.
	 * @return the route declarations
	 */
	List<RouteDeclaration> routes();

}
