package dev.nitric.spring.gateway;

import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A token that passed the gateway: what the application receives about the caller, the same locally and on every
 * cloud. It is the request's {@link Principal}; its name is the {@code sub} claim.
 *
 * @param tokenValue the compact JWT
 * @param definition the security definition it satisfied
 * @param headers the JOSE header members
 * @param claims the payload claims, as parsed (strings, {@code BigDecimal} numbers, lists, maps, booleans)
 * @param scopes the scopes carried, from {@code scope} (space-delimited) or {@code scp}
 */
public record VerifiedToken(String tokenValue, String definition, Map<String, @Nullable Object> headers,
		Map<String, @Nullable Object> claims, List<String> scopes) implements Principal {

	public VerifiedToken {
		// A parsed token's maps are already unmodifiable, and never change: wrapping them again is free, copying
		// them on every request is not.
		headers = Collections.unmodifiableMap(headers);
		claims = Collections.unmodifiableMap(claims);
		scopes = List.copyOf(scopes);
	}

	/**
	 * The subject ({@code sub} claim), or an empty string when the token has none.
	 * @return the subject
	 */
	@Override
	public String getName() {
		Object subject = this.claims.get("sub");
		return (subject instanceof String text) ? text : "";
	}

	/**
	 * A string claim.
	 * @param name the claim name
	 * @return the value, or {@code null} when absent or not a string
	 */
	public @Nullable String claimAsString(String name) {
		return (this.claims.get(name) instanceof String text) ? text : null;
	}

	@Override
	public String toString() {
		return "VerifiedToken[sub=" + getName() + ", definition=" + this.definition + ", scopes=" + this.scopes + "]";
	}

}
