package dev.nitric.spring.test.issuers;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an access token should carry. Start from {@link #forScopes(String...)} and refine it:
 * <pre>{@code
 * issuer.token(TokenRequest.forScopes("user.read").audience("https://api.example.test").scopeClaim(ScopeClaim.STRING));
 * }</pre>
 * Each {@link OidcIssuer} documents which parts it can vary; it throws {@link UnsupportedOperationException} for a
 * part it cannot honour rather than minting a token that silently differs.
 *
 * @param scopes the scopes to request (the {@code scope} parameter); empty for none
 * @param audience the {@code aud} the token should carry; {@code null} for the issuer's default
 * @param subject the {@code sub} the token should carry; {@code null} for the issuer's default (the client id)
 * @param scopeClaim how the {@code scope} claim should be encoded
 */
public record TokenRequest(List<String> scopes, @Nullable String audience, @Nullable String subject,
		ScopeClaim scopeClaim) {

	public TokenRequest {
		scopes = List.copyOf(scopes);
		Objects.requireNonNull(scopeClaim, "scopeClaim");
	}

	/**
	 * A request for these scopes, with the issuer's default audience, subject and scope encoding.
	 * @param scopes the scopes; none for a token without scopes
	 * @return the request
	 */
	public static TokenRequest forScopes(String... scopes) {
		return new TokenRequest(List.of(scopes), null, null, ScopeClaim.DEFAULT);
	}

	/**
	 * The same request with an audience.
	 * @param audience the {@code aud} the token should carry
	 * @return a new request
	 */
	public TokenRequest audience(String audience) {
		return new TokenRequest(this.scopes, audience, this.subject, this.scopeClaim);
	}

	/**
	 * The same request with a subject.
	 * @param subject the {@code sub} the token should carry
	 * @return a new request
	 */
	public TokenRequest subject(String subject) {
		return new TokenRequest(this.scopes, this.audience, subject, this.scopeClaim);
	}

	/**
	 * The same request with a scope encoding.
	 * @param scopeClaim how the {@code scope} claim should be encoded
	 * @return a new request
	 */
	public TokenRequest scopeClaim(ScopeClaim scopeClaim) {
		return new TokenRequest(this.scopes, this.audience, this.subject, scopeClaim);
	}

	/**
	 * How the {@code scope} claim of an access token is encoded. Gateways read a space-delimited string (RFC 9068,
	 * RFC 8693); some issuers emit a JSON array.
	 */
	public enum ScopeClaim {

		/**
		 * Whatever the issuer emits by default.
		 */
		DEFAULT,

		/**
		 * A space-delimited string: {@code "scope": "a b"}.
		 */
		STRING,

		/**
		 * A JSON array: {@code "scope": ["a", "b"]}.
		 */
		ARRAY

	}

}
