package dev.nitric.spring.gateway;

import dev.nitric.spring.model.SecurityDefinition;

/**
 * Gives a gateway the current signing keys of a security definition's issuer, found by OIDC discovery. Keys come
 * from a cache kept warm in the background: {@link #keys} never performs network I/O.
 */
public interface KeyResolver {

	/**
	 * The cached keys of the definition's issuer.
	 * @param definition the security definition
	 * @return the keys, or why there are none (not fetched yet, fetch failed, malformed)
	 */
	JwksResult keys(SecurityDefinition definition);

	/**
	 * Ask for a fresh copy of the keys because a token names a key that is not cached, as gateways that refetch on
	 * an unknown {@code kid} do (Azure: at most once per five minutes). The resolver fetches only if the last fetch
	 * of this issuer is older than the policy's minimum interval; otherwise it returns the cached keys.
	 * @param definition the security definition
	 * @param policy the mirrored gateway's caching policy
	 * @return the keys after the refresh, or the cached ones
	 */
	JwksResult keysAfterUnknownKid(SecurityDefinition definition, JwksPolicy policy);

}
