package dev.nitric.spring.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A named way for callers of an API to prove who they are: for now, a JWT issued by an OpenID Connect issuer for one
 * of the listed audiences. The issuer's keys are found by OIDC discovery
 * ({@code <issuer>/.well-known/openid-configuration}).
 * <p>
 * Either value may be left out in code and supplied by configuration
 * ({@code nitric.apis.<api>.security-definitions.<name>.issuer} and {@code .audiences}); configuration always wins.
 *
 * @param name the definition's name, unique within its API
 * @param kind the kind of credential
 * @param issuer the issuer URL, {@link #DEVELOPMENT_ISSUER} for the built-in development issuer, or {@code null}
 * when configuration supplies it
 * @param audiences the audiences of which a token must name at least one
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html">OpenID Connect Discovery 1.0</a>
 */
public record SecurityDefinition(String name, Kind kind, @Nullable String issuer, List<String> audiences) {

	/**
	 * Issuer value that stands for the development issuer built into the application for local runs.
	 */
	public static final String DEVELOPMENT_ISSUER = "nitric:development-issuer";

	public SecurityDefinition {
		Names.requireText(name, "Security definition name");
		audiences = List.copyOf(audiences);
		for (String audience : audiences) {
			Names.requireText(audience, "Audience of security definition '" + name + "'");
		}
	}

	/**
	 * Start a JWT definition with no issuer and no audiences.
	 * @param name the definition's name
	 * @return the definition
	 */
	public static SecurityDefinition jwt(String name) {
		return new SecurityDefinition(name, Kind.JWT, null, List.of());
	}

	/**
	 * Return a copy with the given issuer.
	 * @param issuer the issuer URL, exactly as it appears in the tokens' {@code iss} claim
	 * @return the new definition
	 */
	public SecurityDefinition issuer(String issuer) {
		return new SecurityDefinition(this.name, this.kind, Names.requireText(issuer, "Issuer of '" + this.name + "'"),
				this.audiences);
	}

	/**
	 * Return a copy whose issuer is the development issuer built into the application.
	 * @return the new definition
	 */
	public SecurityDefinition developmentIssuer() {
		return issuer(DEVELOPMENT_ISSUER);
	}

	/**
	 * Return a copy with the given audiences.
	 * @param audiences the audiences, any of which a token's {@code aud} must name
	 * @return the new definition
	 */
	public SecurityDefinition audiences(String... audiences) {
		return new SecurityDefinition(this.name, this.kind, this.issuer, List.of(audiences));
	}

	/**
	 * Whether the issuer is the built-in development issuer.
	 * @return {@code true} for the development issuer
	 */
	public boolean usesDevelopmentIssuer() {
		return DEVELOPMENT_ISSUER.equals(this.issuer);
	}

	/**
	 * The kinds of credential a security definition accepts.
	 */
	public enum Kind {

		/** A signed JWT from an OpenID Connect issuer. */
		JWT

	}

}
