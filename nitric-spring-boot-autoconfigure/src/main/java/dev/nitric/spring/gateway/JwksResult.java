package dev.nitric.spring.gateway;

/**
 * The keys of an issuer as a gateway sees them.
 */
public sealed interface JwksResult {

	/**
	 * The keys are available.
	 *
	 * @param keys the key set
	 */
	record Keys(JsonWebKeySet keys) implements JwksResult {
	}

	/**
	 * No usable key set: never fetched, fetch failed, or the document was malformed.
	 *
	 * @param reason why, for logs (no secrets, no bodies)
	 */
	record Unavailable(String reason) implements JwksResult {
	}

}
