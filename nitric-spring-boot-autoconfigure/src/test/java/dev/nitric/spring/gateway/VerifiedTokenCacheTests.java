package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nitric.spring.gateway.TestKeys.TestKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VerifiedTokenCache}.
 */
class VerifiedTokenCacheTests {

	private static final Instant NOW = TestJwts.NOW;

	private final VerifiedTokenCache cache = VerifiedTokenCache.withCapacity(2);

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void parseWhenTokenSeenBeforeThenReturnsTheSameParsedToken() {
		String token = TestJwts.baseline().build();
		assertThat(this.cache.parse(token, NOW)).isSameAs(this.cache.parse(token, NOW));
	}

	@Test
	void verifiesWhenSameKeyObjectThenVerifiesOnlyOnce() {
		String token = TestJwts.baseline().build();
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		Jwt jwt = this.cache.parse(token, NOW);
		assertThat(this.cache.verifies(jwt, key, this::countedSuccess)).isTrue();
		assertThat(this.cache.verifies(this.cache.parse(token, NOW), key, this::countedSuccess)).isTrue();
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void verifiesWhenKeySetWasFetchedAgainThenVerifiesAgain() {
		String token = TestJwts.baseline().build();
		TestKey k1 = TestKeys.k1();
		Jwt jwt = this.cache.parse(token, NOW);
		this.cache.verifies(jwt, TestKeys.set(k1).keys().get(0), this::countedSuccess);
		this.cache.verifies(jwt, TestKeys.set(k1).keys().get(0), this::countedSuccess);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void verifiesWhenVerificationFailsThenRemembersNothing() {
		String token = TestJwts.baseline().build();
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		Jwt jwt = this.cache.parse(token, NOW);
		assertThat(this.cache.verifies(jwt, key, () -> false)).isFalse();
		assertThat(this.cache.verifies(jwt, key, this::countedSuccess)).isTrue();
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void parseWhenMoreTokensThanCapacityThenEvictsTheLeastRecentlyUsed() {
		String first = TestJwts.baseline().claim("sub", "first").build();
		String second = TestJwts.baseline().claim("sub", "second").build();
		String third = TestJwts.baseline().claim("sub", "third").build();
		Jwt parsedFirst = this.cache.parse(first, NOW);
		this.cache.parse(second, NOW);
		this.cache.parse(first, NOW);
		this.cache.parse(third, NOW);
		assertThat(this.cache.size()).isEqualTo(2);
		assertThat(this.cache.parse(first, NOW)).isSameAs(parsedFirst);
		Jwt parsedSecond = this.cache.parse(second, NOW);
		assertThat(this.cache.parse(second, NOW)).isSameAs(parsedSecond);
	}

	@Test
	void parseWhenTokenExpiredBeyondTheLargestSkewThenParsesAgain() {
		String token = TestJwts.baseline().claim("exp", NOW.getEpochSecond() + 10).build();
		Jwt cached = this.cache.parse(token, NOW);
		assertThat(this.cache.parse(token, NOW.plusSeconds(70))).isSameAs(cached);
		assertThat(this.cache.parse(token, NOW.plusSeconds(71))).isNotSameAs(cached);
	}

	@Test
	void parseWhenTokenHasNoExpThenKeepsItFiveMinutesAtMost() {
		String token = TestJwts.baseline().withoutClaim("exp").build();
		Jwt cached = this.cache.parse(token, NOW);
		assertThat(this.cache.parse(token, NOW.plusSeconds(300))).isSameAs(cached);
		assertThat(this.cache.parse(token, NOW.plusSeconds(301))).isNotSameAs(cached);
	}

	@Test
	void parseWhenTokenInvalidThenThrowsAndCachesNothing() {
		assertThatExceptionOfType(InvalidJwtException.class).isThrownBy(() -> this.cache.parse("a.b", NOW));
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void disabledCacheParsesAndVerifiesEveryTime() {
		VerifiedTokenCache disabled = VerifiedTokenCache.withCapacity(0);
		String token = TestJwts.baseline().build();
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		assertThat(disabled.parse(token, NOW)).isNotSameAs(disabled.parse(token, NOW));
		Jwt jwt = disabled.parse(token, NOW);
		disabled.verifies(jwt, key, this::countedSuccess);
		disabled.verifies(jwt, key, this::countedSuccess);
		assertThat(this.verifications).hasValue(2);
		assertThat(disabled.size()).isZero();
	}

	private boolean countedSuccess() {
		this.verifications.incrementAndGet();
		return true;
	}

}
