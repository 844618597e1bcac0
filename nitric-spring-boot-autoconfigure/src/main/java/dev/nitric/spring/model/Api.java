package dev.nitric.spring.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API served through the cloud's API gateway: its security definitions and the security every route has
 * unless it overrides it. Declare it as a bean; attach Spring MVC handlers to it with {@link NitricApi}.
 * <pre class="code">
 * &#64;Bean
 * Api mainApi() {
 *     return Api.named("main")
 *         .securityDefinition(SecurityDefinition.jwt("user").issuer("https://auth.example.com/").audiences("orders"))
 *         .security("user");
 * }
 * </pre>
 * Instances are immutable; every method returns a new one.
 */
public final class Api {

	private final String name;

	private final Map<String, SecurityDefinition> securityDefinitions;

	private final List<SecurityRequirement> security;

	private Api(String name, Map<String, SecurityDefinition> securityDefinitions, List<SecurityRequirement> security) {
		this.name = name;
		this.securityDefinitions = securityDefinitions;
		this.security = security;
	}

	/**
	 * Start the declaration of an API with no security: its routes are public unless they say otherwise.
	 * @param name the API's name, unique within the application
	 * @return the API
	 */
	public static Api named(String name) {
		return new Api(Names.requireText(name, "API name"), Map.of(), List.of());
	}

	/**
	 * Return a copy with one more security definition.
	 * @param definition the definition; its name must not be taken yet
	 * @return the new API
	 */
	public Api securityDefinition(SecurityDefinition definition) {
		if (this.securityDefinitions.containsKey(definition.name())) {
			throw new IllegalArgumentException("API '" + this.name + "' already has a security definition named '"
					+ definition.name() + "'");
		}
		Map<String, SecurityDefinition> definitions = new LinkedHashMap<>(this.securityDefinitions);
		definitions.put(definition.name(), definition);
		return new Api(this.name, Collections.unmodifiableMap(definitions), this.security);
	}

	/**
	 * Return a copy whose routes, unless they override it, require a valid token of the given definition with at
	 * least one of the scopes. Calling it again adds an alternative: a request passes when it meets any requirement.
	 * @param definition the security definition's name
	 * @param scopes the scopes (any-of); none for any valid token
	 * @return the new API
	 */
	public Api security(String definition, String... scopes) {
		return security(SecurityRequirement.of(definition, scopes));
	}

	/**
	 * Return a copy with one more API-level security requirement.
	 * @param requirement the requirement
	 * @return the new API
	 * @see #security(String, String...)
	 */
	public Api security(SecurityRequirement requirement) {
		List<SecurityRequirement> requirements = new ArrayList<>(this.security);
		requirements.add(requirement);
		return new Api(this.name, this.securityDefinitions, List.copyOf(requirements));
	}

	/**
	 * The API's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The security definitions by name, in declaration order.
	 * @return the definitions
	 */
	public Map<String, SecurityDefinition> securityDefinitions() {
		return this.securityDefinitions;
	}

	/**
	 * The API-level security requirements (alternatives); empty when routes are public by default.
	 * @return the requirements
	 */
	public List<SecurityRequirement> security() {
		return this.security;
	}

	@Override
	public String toString() {
		return "Api '" + this.name + "'";
	}

}
