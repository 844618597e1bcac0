package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.nitric.spring.gateway.ConformanceFixtures.IDP;
import static dev.nitric.spring.gateway.ConformanceFixtures.baselineKeys;
import static dev.nitric.spring.gateway.ConformanceFixtures.bearer;
import static dev.nitric.spring.gateway.ConformanceFixtures.now;
import static dev.nitric.spring.gateway.ConformanceFixtures.request;
import static dev.nitric.spring.gateway.ConformanceFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a gateway answers a request with the decision it gave the last allowed one ({@link LastAllowedDecision}),
 * and when it runs its checks again: for each cloud's gateway and the portable one, as {@link Gateways} builds them.
 * That the answers equal those of a gateway without a cache is proved for every conformance case by
 * {@link CacheEquivalence}, whose second decision repeats the first request within the same second.
 */
class LastAllowedDecisionTests {

	private static final Instant NOW = TestJwts.NOW;

	private static Gateway cached(TargetCloud cloud) {
		return Gateways.of(cloud, VerifiedTokenCache.withCapacity(16));
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAllowedRequestRepeatsWithinTheSecondThenAnswersTheSameDecision(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		String token = TestJwts.baseline().build();
		Decision first = gateway.check(bearer(token), route, keys, NOW);
		Decision again = gateway.check(bearer(token), route, keys, NOW.plusMillis(999));
		assertThat(first.allowed()).isTrue();
		assertThat(again).isSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenCacheDisabledThenChecksEveryRequest(TargetCloud cloud) {
		Gateway gateway = Gateways.of(cloud, VerifiedTokenCache.disabled());
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		String token = TestJwts.baseline().build();
		Decision first = gateway.check(bearer(token), route, keys, NOW);
		Decision again = gateway.check(bearer(token), route, keys, NOW);
		assertThat(again.allowed()).isTrue();
		assertThat(again).isNotSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheNextSecondBeginsThenChecksAgainAndSeesTheTokenExpire(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		// expired from the next second on: GCP allows 60 s of skew, AWS and Azure none
		long exp = (cloud == TargetCloud.GCP) ? now(-GcpApiGateway.CLOCK_SKEW_SECONDS) : now(1);
		String token = TestJwts.baseline().claim("exp", exp).build();
		GatewayRequest request = bearer(token);
		assertThat(gateway.check(request, route, keys, NOW.plusMillis(999)).allowed()).isTrue();
		Decision nextSecond = gateway.check(request, route, keys, NOW.plusSeconds(1));
		assertThat(nextSecond.allowed()).isFalse();
		assertThat(nextSecond.reason()).isEqualTo("expired");
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheKeySetNoLongerHasTheKeyThenRejectsTheRepeatedRequest(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		GatewayRequest request = bearer(TestJwts.baseline().build());
		assertThat(gateway.check(request, route, keys, NOW).allowed()).isTrue();
		keys.setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k2())));
		Decision again = gateway.check(request, route, keys, NOW);
		assertThat(again.allowed()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheKeysBecomeUnavailableThenRejectsTheRepeatedRequest(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		GatewayRequest request = bearer(TestJwts.baseline().build());
		assertThat(gateway.check(request, route, keys, NOW).allowed()).isTrue();
		keys.setResult(new JwksResult.Unavailable("fetch failed"));
		assertThat(gateway.check(request, route, keys, NOW).allowed()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheSameKeysArePublishedAgainThenChecksAgain(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		GatewayRequest request = bearer(TestJwts.baseline().build());
		Decision first = gateway.check(request, route, keys, NOW);
		keys.setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k1())));
		Decision again = gateway.check(request, route, keys, NOW);
		assertThat(again.allowed()).isTrue();
		assertThat(again).isNotSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnyHeaderDiffersThenChecksAgain(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		String token = TestJwts.baseline().build();
		Decision first = gateway.check(bearer(token), route, keys, NOW);
		Decision withAnotherHeader = gateway.check(request(null,
				Map.of("Authorization", List.of("Bearer " + token), "Accept", List.of("application/json"))), route, keys,
				NOW);
		assertThat(withAnotherHeader.allowed()).isTrue();
		assertThat(withAnotherHeader).isNotSameAs(first);
		// the same header with another value: the scheme misspelled
		Decision misspelled = gateway.check(request(null, Map.of("Authorization", List.of("bearer  " + token))), route,
				keys, NOW);
		assertThat(misspelled).isNotSameAs(withAnotherHeader);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnotherRouteThenChecksItsRequirements(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		StaticKeyResolver keys = baselineKeys();
		GatewayRequest request = bearer(TestJwts.baseline().build());
		assertThat(gateway.check(request, route(), keys, NOW).allowed()).isTrue();
		Decision scoped = gateway.check(request, route(IDP, "orders.admin"), keys, NOW);
		assertThat(scoped.allowed()).isFalse();
		assertThat(scoped.status()).isEqualTo(403);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenRejectedThenTheRepeatedRequestIsCheckedAgain(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = StaticKeyResolver.unavailable("not fetched yet");
		GatewayRequest request = bearer(TestJwts.baseline().build());
		assertThat(gateway.check(request, route, keys, NOW).allowed()).isFalse();
		keys.setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k1())));
		assertThat(gateway.check(request, route, keys, NOW).allowed()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnotherTokenComesBetweenThenEachIsAnsweredForItself(TargetCloud cloud) {
		Gateway gateway = cached(cloud);
		RoutePolicy route = route();
		StaticKeyResolver keys = baselineKeys();
		GatewayRequest alice = bearer(TestJwts.baseline().claim("sub", "alice").build());
		GatewayRequest bob = bearer(TestJwts.baseline().claim("sub", "bob").build());
		for (Duration offset : List.of(Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(20))) {
			assertThat(gateway.check(alice, route, keys, NOW.plus(offset)).token().getName()).isEqualTo("alice");
			assertThat(gateway.check(bob, route, keys, NOW.plus(offset)).token().getName()).isEqualTo("bob");
		}
	}

}
