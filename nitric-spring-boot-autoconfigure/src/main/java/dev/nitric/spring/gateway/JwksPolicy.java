package dev.nitric.spring.gateway;

import java.time.Duration;

/**
 * How a gateway fetches and caches an issuer's JWKS: shared by the emulator's key cache and the deployer.
 *
 * @param refreshInterval how often the keys are fetched again in the background
 * @param unknownKidRefetch minimum time between two fetches triggered by an unknown {@code kid};
 * {@link Duration#ZERO} when an unknown {@code kid} never triggers a fetch
 * @param fetchTimeout longest time one fetch (discovery document or JWKS) may take
 * @param maxJwksBytes largest JWKS document accepted
 */
public record JwksPolicy(Duration refreshInterval, Duration unknownKidRefetch, Duration fetchTimeout, int maxJwksBytes) {

	/**
	 * Whether an unknown {@code kid} may trigger a fetch.
	 * @return {@code true} if it may
	 */
	public boolean refetchesOnUnknownKid() {
		return !this.unknownKidRefetch.isZero();
	}

}
