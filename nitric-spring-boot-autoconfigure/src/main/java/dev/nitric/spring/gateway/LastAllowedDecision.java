package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The last request a gateway allowed on a secured route, with its decision: a request equal to it (method, path,
 * query and every header), on the same route, within the same second and with the same key sets, is allowed again
 * without running the checks. This is Envoy's cache of verified tokens taken one step further for the request that
 * repeats, which is most requests of a client holding a token: the answer is the one the checks would give, because
 * <ul>
 * <li>the emulated gateways decide from the request's contents, the route, the issuers' keys and the time alone, and
 * every time check they make (expiry, not-before, issued-at, with each cloud's skew) compares whole seconds of
 * {@link Instant#getEpochSecond()};</li>
 * <li>the key sets are compared by identity, taken before the checks ran: a key set fetched again, or become
 * unavailable, is a different answer of the {@link KeyResolver}, and the next request runs the checks again (so a key
 * dropped from the JWKS is seen as soon as the resolver sees it, as with {@link VerifiedTokenCache});</li>
 * <li>an allowed decision carries nothing of one request in particular (no request id), unlike a rejection, which is
 * never remembered.</li>
 * </ul>
 * One entry, shared by the threads as an immutable snapshot: a different request replaces it. Used only when the
 * gateway's {@link VerifiedTokenCache} is enabled, so that a cache capacity of 0 still means every check on every
 * request.
 */
final class LastAllowedDecision {

	private final boolean enabled;

	private volatile @Nullable Entry last;

	private LastAllowedDecision(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * A memo enabled when every cache is.
	 * @param caches the caches of the gateways deciding
	 * @return the memo; disabled when a cache is disabled (capacity 0) or there is none
	 */
	static LastAllowedDecision whenCaching(List<VerifiedTokenCache> caches) {
		boolean enabled = !caches.isEmpty();
		for (VerifiedTokenCache cache : caches) {
			enabled &= cache.capacity() > 0;
		}
		return new LastAllowedDecision(enabled);
	}

	/**
	 * The decision on a request: the last allowed one when the request repeats it, else {@code check}'s.
	 * @param request the request
	 * @param route the route's security
	 * @param keys the issuers' keys
	 * @param now the current time
	 * @param check runs the gateway's checks
	 * @return the decision
	 */
	Decision decide(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now,
			Supplier<Decision> check) {
		if (!this.enabled || route.isPublic()) {
			return check.get();
		}
		long second = now.getEpochSecond();
		Entry entry = this.last;
		if (entry != null && entry.route == route && entry.second == second && entry.request.equals(request)
				&& entry.sameKeys(route, keys)) {
			return entry.decision;
		}
		// Taken before the checks: a key set that changes while they run makes the next request miss.
		Object[] keySets = keySets(route, keys);
		Decision decision = check.get();
		if (decision.allowed() && keySets != null) {
			this.last = new Entry(request, route, second, keySets, decision);
		}
		return decision;
	}

	/**
	 * The key set of each requirement's issuer, in the order of the route's requirements.
	 * @return the key sets, or {@code null} when one is unavailable
	 */
	private static Object @Nullable [] keySets(RoutePolicy route, KeyResolver keys) {
		Object[] keySets = new Object[route.requirements().size()];
		for (int i = 0; i < keySets.length; i++) {
			keySets[i] = keySet(route, keys, i);
			if (keySets[i] == null) {
				return null;
			}
		}
		return keySets;
	}

	/**
	 * The key set of the issuer of a route's requirement.
	 * @return the key set, or {@code null} when it is unavailable
	 */
	private static @Nullable Object keySet(RoutePolicy route, KeyResolver keys, int requirement) {
		String definition = route.requirements().get(requirement).definition();
		return (keys.keys(route.definitions().get(definition)) instanceof JwksResult.Keys set) ? set.keys() : null;
	}

	private record Entry(GatewayRequest request, RoutePolicy route, long second, Object[] keySets, Decision decision) {

		boolean sameKeys(RoutePolicy route, KeyResolver keys) {
			for (int i = 0; i < this.keySets.length; i++) {
				if (keySet(route, keys, i) != this.keySets[i]) {
					return false;
				}
			}
			return true;
		}

	}

}
