package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: proves that a gateway with a {@link VerifiedTokenCache} answers exactly as the same gateway without
 * one. The cached gateway decides twice (a miss that fills the cache, then a hit), each decision is compared with the
 * uncached one, and the uncached decision is returned for the test's own assertions. A {@link StaticKeyResolver}'s
 * recorded calls are those of the uncached decision only.
 */
public final class CacheEquivalence {

	private CacheEquivalence() {
	}

	/**
	 * Decide with both gateways and compare.
	 * @param uncached the gateway without cache
	 * @param cached the same gateway with a cache
	 * @param request the request
	 * @param route the route
	 * @param keys the keys
	 * @param now the time
	 * @return the uncached decision
	 */
	public static Decision check(Gateway uncached, Gateway cached, GatewayRequest request, RoutePolicy route,
			KeyResolver keys, Instant now) {
		Decision miss = cached.check(request, route, keys, now);
		Decision hit = cached.check(request, route, keys, now);
		if (keys instanceof StaticKeyResolver recorder) {
			recorder.clearCalls();
		}
		Decision decision = uncached.check(request, route, keys, now);
		assertThat(comparable(miss)).as("cached decision (miss) equals uncached").isEqualTo(comparable(decision));
		assertThat(comparable(hit)).as("cached decision (hit) equals uncached").isEqualTo(comparable(decision));
		return decision;
	}

	private static Decision comparable(Decision decision) {
		Map<String, String> headers = new HashMap<>(decision.headers());
		headers.computeIfPresent("apigw-requestid", (name, value) -> "<request id>");
		return new Decision(decision.cloud(), decision.allowed(), decision.status(), headers, decision.contentType(),
				decision.body(), decision.reason(), decision.detail(), decision.token());
	}

}
