package dev.nitric.spring.deployer.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * Pieces shared by the OpenAPI 3 and Swagger 2.0 documents.
 */
final class OpenApiPaths {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

	private OpenApiPaths() {
	}

	/**
	 * The path variables of a route, in order.
	 * @param path the path template
	 * @return the names
	 */
	static List<String> variables(String path) {
		List<String> names = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(path);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The {@code security} of an operation: one object per alternative, {@code []} for a public route.
	 * @param route the route
	 * @return the requirement list
	 */
	static List<Object> security(RouteManifest route) {
		List<Object> security = new ArrayList<>();
		for (SecurityRequirement requirement : route.security()) {
			security.add(Maps.of(requirement.definition(), requirement.scopes()));
		}
		return security;
	}

	/**
	 * The description of an operation's response.
	 * @param route the route
	 * @return a sentence naming the handler
	 */
	static String responseDescription(RouteManifest route) {
		return "The response of " + route.handler();
	}

}
