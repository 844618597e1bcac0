package dev.nitric.spring.manifest;

import java.util.List;
import java.util.Optional;

import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * One API of the manifest, with its security resolved (configuration applied, development issuer resolved).
 *
 * @param name the API name
 * @param securityDefinitions the security definitions, sorted by name, each with an issuer and audiences
 * @param security the API-level security requirements (alternatives); empty when routes are public by default
 * @param routes the routes, sorted by path then method
 */
public record ApiManifest(String name, List<SecurityDefinition> securityDefinitions, List<SecurityRequirement> security,
		List<RouteManifest> routes) {

	public ApiManifest {
		securityDefinitions = List.copyOf(securityDefinitions);
		security = List.copyOf(security);
		routes = List.copyOf(routes);
	}

	/**
	 * Find a security definition by name.
	 * @param definition the definition name
	 * @return the definition, if declared
	 */
	public Optional<SecurityDefinition> securityDefinition(String definition) {
		return this.securityDefinitions.stream().filter((candidate) -> candidate.name().equals(definition)).findFirst();
	}

}
