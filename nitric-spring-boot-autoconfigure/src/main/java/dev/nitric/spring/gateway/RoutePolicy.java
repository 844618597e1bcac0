package dev.nitric.spring.gateway;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * The security a gateway enforces on one route, as the deployer configures it from the manifest.
 *
 * @param api the API name
 * @param method the route's HTTP method
 * @param path the route's path template
 * @param requirements the effective requirements (alternatives); empty for a public route, which is not inspected
 * @param definitions the API's security definitions by name, resolved (issuer and audiences set)
 */
public record RoutePolicy(String api, String method, String path, List<SecurityRequirement> requirements,
		Map<String, SecurityDefinition> definitions) {

	public RoutePolicy {
		requirements = List.copyOf(requirements);
		definitions = Map.copyOf(definitions);
		for (SecurityRequirement requirement : requirements) {
			if (!definitions.containsKey(requirement.definition())) {
				throw new IllegalArgumentException("Route " + method + " " + path + " of API '" + api
						+ "' requires unknown security definition '" + requirement.definition() + "'");
			}
		}
	}

	/**
	 * Check the requirements in order, as alternatives: the first decision that allows the request wins; when none
	 * does, the first requirement's rejection is the answer.
	 * @param check decides on one requirement with its security definition
	 * @return the decision
	 * @throws IllegalStateException if the route is public (there is nothing to check)
	 */
	public Decision firstAllowed(BiFunction<SecurityRequirement, SecurityDefinition, Decision> check) {
		Decision first = null;
		for (SecurityRequirement requirement : this.requirements) {
			Decision decision = check.apply(requirement, this.definitions.get(requirement.definition()));
			if (decision.allowed()) {
				return decision;
			}
			if (first == null) {
				first = decision;
			}
		}
		if (first == null) {
			throw new IllegalStateException("Route " + this.method + " " + this.path + " is public: nothing to check");
		}
		return first;
	}

	/**
	 * Whether the route is public.
	 * @return {@code true} when no requirement applies
	 */
	public boolean isPublic() {
		return this.requirements.isEmpty();
	}

	/**
	 * The security definition of the first requirement whose issuer is exactly the given one, as GCP's gateway picks
	 * a provider by the token's {@code iss}.
	 * @param issuer the token's issuer
	 * @return the definition, or {@code null} when no requirement of this route names that issuer
	 */
	@Nullable SecurityDefinition definitionIssuedBy(String issuer) {
		for (SecurityRequirement requirement : this.requirements) {
			SecurityDefinition definition = this.definitions.get(requirement.definition());
			if (issuer.equals(definition.issuer())) {
				return definition;
			}
		}
		return null;
	}

}
