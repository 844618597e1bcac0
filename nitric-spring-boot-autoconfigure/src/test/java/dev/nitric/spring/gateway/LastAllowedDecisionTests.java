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

	/** A gateway as {@link Gateways} builds it, with a cache, on a secured route, the baseline keys and token. */
	private record Fixture(Gateway gateway, RoutePolicy route, StaticKeyResolver keys, GatewayRequest request) {

		static Fixture of(TargetCloud cloud) {
			return of(cloud, VerifiedTokenCache.withCapacity(16), TestJwts.baseline().build());
		}

		static Fixture of(TargetCloud cloud, VerifiedTokenCache cache, String token) {
			return new Fixture(Gateways.of(cloud, cache), ConformanceFixtures.route(), baselineKeys(), bearer(token));
		}

		Decision check(Instant now) {
			return this.gateway.check(this.request, this.route, this.keys, now);
		}

	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAllowedRequestRepeatsWithinTheSecondThenAnswersTheSameDecision(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		Decision first = fixture.check(NOW);
		Decision again = fixture.check(NOW.plusMillis(999));
		assertThat(first.allowed()).isTrue();
		assertThat(again).isSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenCacheDisabledThenChecksEveryRequest(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud, VerifiedTokenCache.disabled(), TestJwts.baseline().build());
		Decision first = fixture.check(NOW);
		Decision again = fixture.check(NOW);
		assertThat(again.allowed()).isTrue();
		assertThat(again).isNotSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheNextSecondBeginsThenChecksAgainAndSeesTheTokenExpire(TargetCloud cloud) {
		// expired from the next second on: GCP allows 60 s of skew, AWS and Azure none
		long exp = (cloud == TargetCloud.GCP) ? now(-GcpApiGateway.CLOCK_SKEW_SECONDS) : now(1);
		Fixture fixture = Fixture.of(cloud, VerifiedTokenCache.withCapacity(16),
				TestJwts.baseline().claim("exp", exp).build());
		assertThat(fixture.check(NOW.plusMillis(999)).allowed()).isTrue();
		Decision nextSecond = fixture.check(NOW.plusSeconds(1));
		assertThat(nextSecond.allowed()).isFalse();
		assertThat(nextSecond.reason()).isEqualTo("expired");
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheKeySetNoLongerHasTheKeyThenRejectsTheRepeatedRequest(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		assertThat(fixture.check(NOW).allowed()).isTrue();
		fixture.keys().setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k2())));
		assertThat(fixture.check(NOW).allowed()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheKeysBecomeUnavailableThenRejectsTheRepeatedRequest(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		assertThat(fixture.check(NOW).allowed()).isTrue();
		fixture.keys().setResult(new JwksResult.Unavailable("fetch failed"));
		assertThat(fixture.check(NOW).allowed()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenTheSameKeysArePublishedAgainThenChecksAgain(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		Decision first = fixture.check(NOW);
		fixture.keys().setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k1())));
		Decision again = fixture.check(NOW);
		assertThat(again.allowed()).isTrue();
		assertThat(again).isNotSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnyHeaderDiffersThenChecksAgain(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		String token = TestJwts.baseline().build();
		Decision first = fixture.check(NOW);
		Decision withAnotherHeader = fixture.gateway()
			.check(request(null,
					Map.of("Authorization", List.of("Bearer " + token), "Accept", List.of("application/json"))),
					fixture.route(), fixture.keys(), NOW);
		assertThat(withAnotherHeader.allowed()).isTrue();
		assertThat(withAnotherHeader).isNotSameAs(first);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnotherRouteThenChecksItsRequirements(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		assertThat(fixture.check(NOW).allowed()).isTrue();
		Decision scoped = fixture.gateway().check(fixture.request(), route(IDP, "orders.admin"), fixture.keys(), NOW);
		assertThat(scoped.allowed()).isFalse();
		assertThat(scoped.status()).isEqualTo(403);
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenRejectedThenTheRepeatedRequestIsCheckedAgain(TargetCloud cloud) {
		Fixture fixture = Fixture.of(cloud);
		RoutePolicy scoped = route(IDP, "orders.admin");
		Decision first = fixture.gateway().check(fixture.request(), scoped, fixture.keys(), NOW);
		Decision again = fixture.gateway().check(fixture.request(), scoped, fixture.keys(), NOW);
		assertThat(again.allowed()).isFalse();
		assertThat(again).isNotSameAs(first);
		fixture.keys().setResult(new JwksResult.Unavailable("not fetched yet"));
		assertThat(fixture.check(NOW).allowed()).isFalse();
		fixture.keys().setResult(new JwksResult.Keys(TestKeys.set(TestKeys.k1())));
		assertThat(fixture.check(NOW).allowed()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TargetCloud.class)
	void checkWhenAnotherTokenComesBetweenThenEachIsAnsweredForItself(TargetCloud cloud) {
		Fixture alice = Fixture.of(cloud, VerifiedTokenCache.withCapacity(16),
				TestJwts.baseline().claim("sub", "alice").build());
		GatewayRequest bob = bearer(TestJwts.baseline().claim("sub", "bob").build());
		for (Duration offset : List.of(Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(20))) {
			assertThat(alice.check(NOW.plus(offset)).token().getName()).isEqualTo("alice");
			assertThat(alice.gateway().check(bob, alice.route(), alice.keys(), NOW.plus(offset)).token().getName())
				.isEqualTo("bob");
		}
	}

}
