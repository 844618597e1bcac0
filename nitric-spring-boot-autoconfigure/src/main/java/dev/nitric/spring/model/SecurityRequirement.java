package dev.nitric.spring.model;

import java.util.List;

/**
 * One security requirement: a valid token of the named security definition, carrying at least one of the scopes
 * (any-of, read from {@code scope} or {@code scp}). An empty scope list asks for any valid token of that definition.
 *
 * @param definition the name of a security definition of the same API
 * @param scopes the scopes of which the token must carry at least one; empty for none
 */
public record SecurityRequirement(String definition, List<String> scopes) {

	public SecurityRequirement {
		Names.requireText(definition, "definition");
		scopes = List.copyOf(scopes);
		for (String scope : scopes) {
			Names.requireText(scope, "scope of definition '" + definition + "'");
			if (scope.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalArgumentException(
						"Scope '" + scope + "' of definition '" + definition + "' contains white space: "
								+ "scopes are space-delimited in a token, so one scope cannot contain a space");
			}
		}
	}

	/**
	 * Create a requirement.
	 * @param definition the security definition's name
	 * @param scopes the scopes (any-of); none for any valid token
	 * @return the requirement
	 */
	public static SecurityRequirement of(String definition, String... scopes) {
		return new SecurityRequirement(definition, List.of(scopes));
	}

}
