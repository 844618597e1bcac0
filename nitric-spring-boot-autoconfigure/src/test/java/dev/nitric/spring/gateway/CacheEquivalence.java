package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: proves that a gateway with a {@link VerifiedTokenCache} answers exactly as the same gateway without
 * one. The cached gateway decides twice (a miss that fills the cache, then a hit), each decision is compared with the
 * uncached one, and the uncached decision is returned for the test's own assertions. A {@link StaticKeyResolver}'s
 * recorded calls are those of the uncached decision only.
 * <p>
 * It also proves that sharing a {@link RequestMemo} changes no cloud's answer: a cloud's gateway decides inside a
 * {@link PortableGateway} with the two other clouds' gateways in each of the six orders (so that every other cloud
 * has parsed and verified the token before it, alone and together), without a cache and with one, and its decision
 * there equals its decision alone. For a portable gateway, each cloud's decision inside it equals that cloud's gateway
 * deciding alone.
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
		List<Shared> shared = withSharedMemo(uncached, cached, request, route, keys, now);
		if (keys instanceof StaticKeyResolver recorder) {
			recorder.clearCalls();
		}
		Decision decision = uncached.check(request, route, keys, now);
		assertThat(comparable(miss)).as("cached decision (miss) equals uncached").isEqualTo(comparable(decision));
		assertThat(comparable(hit)).as("cached decision (hit) equals uncached").isEqualTo(comparable(decision));
		for (Shared inPortable : shared) {
			Decision alone = (inPortable.alone() != null) ? inPortable.alone() : decision;
			assertThat(comparable(inPortable.decision())).as("%s equals its decision alone", inPortable.how())
				.isEqualTo(comparable(alone));
		}
		return decision;
	}

	/**
	 * Each cloud's decisions made inside a portable gateway, with what each must equal: for a portable gateway, each
	 * cloud's gateway deciding alone; for a cloud's gateway, its decision alone ({@code null} here: made later, once
	 * the key resolver's calls are cleared).
	 */
	private static List<Shared> withSharedMemo(Gateway uncached, Gateway cached, GatewayRequest request,
			RoutePolicy route, KeyResolver keys, Instant now) {
		List<Shared> decisions = new ArrayList<>();
		if (uncached instanceof PortableGateway) {
			for (PortableGateway portable : List.of((PortableGateway) uncached, (PortableGateway) cached)) {
				for (Decision decision : portable.decisions(request, route, keys, now)) {
					Decision alone = Gateways.of(decision.cloud(), VerifiedTokenCache.disabled())
						.check(request, route, keys, now);
					decisions.add(new Shared(decision.cloud() + " in the portable gateway", decision, alone));
				}
			}
			return decisions;
		}
		TargetCloud cloud = uncached.cloud();
		for (VerifiedTokenCache cache : List.of(VerifiedTokenCache.disabled(), ((EmulatedGateway) cached).cache)) {
			Gateway self = (cache.capacity() == 0) ? uncached : cached;
			for (List<Gateway> order : orders(self, others(cloud, cache))) {
				List<Decision> inPortable = new PortableGateway(order).decisions(request, route, keys, now);
				String how = cloud + " in the portable gateway after "
						+ order.subList(0, order.indexOf(self)).stream().map(Gateway::cloud).toList() + " (cache "
						+ cache.capacity() + ")";
				decisions.add(new Shared(how, inPortable.get(order.indexOf(self)), null));
			}
		}
		return decisions;
	}

	private static List<Gateway> others(TargetCloud cloud, VerifiedTokenCache cache) {
		List<Gateway> others = new ArrayList<>();
		for (TargetCloud other : List.of(TargetCloud.AWS, TargetCloud.GCP, TargetCloud.AZURE)) {
			if (other != cloud) {
				others.add(Gateways.of(other, cache));
			}
		}
		return others;
	}

	/** The six orders of a gateway and two others. */
	private static List<List<Gateway>> orders(Gateway self, List<Gateway> others) {
		Gateway a = others.get(0);
		Gateway b = others.get(1);
		return List.of(List.of(self, a, b), List.of(self, b, a), List.of(a, self, b), List.of(b, self, a),
				List.of(a, b, self), List.of(b, a, self));
	}

	private record Shared(String how, Decision decision, @Nullable Decision alone) {
	}

	private static Decision comparable(Decision decision) {
		Map<String, String> headers = new HashMap<>(decision.headers());
		headers.computeIfPresent("apigw-requestid", (name, value) -> "<request id>");
		return new Decision(decision.cloud(), decision.allowed(), decision.status(), headers, decision.contentType(),
				decision.body(), decision.reason(), decision.detail(), decision.token());
	}

}
