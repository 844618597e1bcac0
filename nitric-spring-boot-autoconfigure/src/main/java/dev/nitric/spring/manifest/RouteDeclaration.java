package dev.nitric.spring.manifest;

import java.util.List;
import java.util.Set;

import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * A handler as the web framework sees it, with the Nitric annotations found on it.
 *
 * @param handler the handler ({@code class#method}), for messages and the manifest
 * @param api the API it is attached to, or {@code null} when it carries security annotations but no API
 * @param methods the HTTP methods it maps, upper case; empty when it maps every method
 * @param paths the path templates it maps
 * @param publicRoute whether it is marked public
 * @param routeSecurity the route-level requirements it declares; empty to inherit the API's
 */
public record RouteDeclaration(String handler, @Nullable String api, Set<String> methods, List<String> paths,
		boolean publicRoute, List<SecurityRequirement> routeSecurity) {

	public RouteDeclaration {
		methods = Set.copyOf(methods);
		paths = List.copyOf(paths);
		routeSecurity = List.copyOf(routeSecurity);
	}

}
