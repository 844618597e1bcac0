package dev.nitric.spring.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link RequestMemo}, with the cache disabled, so that what is remembered is the memo's doing.
 */
class RequestMemoTests {

	private static final VerifiedTokenCache NO_CACHE = VerifiedTokenCache.disabled();

	private final AtomicInteger verifications = new AtomicInteger();

	private final RequestMemo memo = new RequestMemo(this::countedVerification);

	private boolean countedVerification(Jwt jwt, JsonWebKey key) {
		this.verifications.incrementAndGet();
		return Signatures.verify(jwt, key);
	}

	@Test
	void parseWhenSameTokenAgainThenReturnsTheSameParsedToken() {
		String token = TestJwts.baseline().build();
		Jwt jwt = this.memo.parse(NO_CACHE, token, TestJwts.NOW);
		assertThat(this.memo.parse(NO_CACHE, new String(token), TestJwts.NOW)).isSameAs(jwt);
	}

	@Test
	void parseWhenAnotherTokenThenParsesIt() {
		Jwt first = this.memo.parse(NO_CACHE, TestJwts.baseline().claim("sub", "first").build(), TestJwts.NOW);
		Jwt second = this.memo.parse(NO_CACHE, TestJwts.baseline().claim("sub", "second").build(), TestJwts.NOW);
		assertThat(second.stringClaim("sub")).isEqualTo("second");
		assertThat(second).isNotSameAs(first);
	}

	@Test
	void parseWhenTokenInvalidThenThrowsTheSameProblemEachTime() {
		InvalidJwtException first = catchThrowableOfType(() -> this.memo.parse(NO_CACHE, "a.b", TestJwts.NOW),
				InvalidJwtException.class);
		InvalidJwtException second = catchThrowableOfType(() -> this.memo.parse(NO_CACHE, "a.b", TestJwts.NOW),
				InvalidJwtException.class);
		assertThat(first.getProblem()).isEqualTo(JwtProblem.BAD_FORMAT);
		assertThat(second).isSameAs(first);
	}

	@Test
	void verifiesWhenSameTokenAndKeyThenVerifiesOnce() {
		Jwt jwt = this.memo.parse(NO_CACHE, TestJwts.baseline().build(), TestJwts.NOW);
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		assertThat(this.memo.verifies(NO_CACHE, jwt, key)).isTrue();
		assertThat(this.memo.verifies(NO_CACHE, jwt, key)).isTrue();
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void verifiesWhenSignatureDoesNotVerifyThenRemembersThatOnce() {
		Jwt jwt = this.memo.parse(NO_CACHE, TestJwts.baseline().key(TestKeys.k2()).build(), TestJwts.NOW);
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		assertThat(this.memo.verifies(NO_CACHE, jwt, key)).isFalse();
		assertThat(this.memo.verifies(NO_CACHE, jwt, key)).isFalse();
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void verifiesWhenAnotherKeyThenVerifiesWithIt() {
		Jwt jwt = this.memo.parse(NO_CACHE, TestJwts.baseline().build(), TestJwts.NOW);
		List<JsonWebKey> keys = TestKeys.set(TestKeys.k2(), TestKeys.k1()).keys();
		assertThat(this.memo.verifies(NO_CACHE, jwt, keys.get(0))).isFalse();
		assertThat(this.memo.verifies(NO_CACHE, jwt, keys.get(1))).isTrue();
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void verifiesWhenAnotherParsedTokenThenVerifiesIt() {
		String token = TestJwts.baseline().build();
		JsonWebKey key = TestKeys.set(TestKeys.k1()).keys().get(0);
		this.memo.verifies(NO_CACHE, this.memo.parse(NO_CACHE, token, TestJwts.NOW), key);
		RequestMemo other = new RequestMemo(this::countedVerification);
		other.verifies(NO_CACHE, other.parse(NO_CACHE, token, TestJwts.NOW), key);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void sliceWhenSameRangeOfSameValueThenReturnsTheSameString() {
		String value = "Bearer " + TestJwts.baseline().build();
		String token = this.memo.slice(value, 7, value.length());
		assertThat(token).isEqualTo(value.substring(7));
		assertThat(this.memo.slice(value, 7, value.length())).isSameAs(token);
		assertThat(this.memo.slice(value, 8, value.length())).isEqualTo(value.substring(8));
		assertThat(this.memo.slice(new String(value), 7, value.length())).isNotSameAs(token).isEqualTo(token);
	}

	@Test
	void parsedSliceWhenTheRestOfTheValueParsedThenReturnsIt() {
		String value = "Bearer " + TestJwts.baseline().build();
		assertThat(this.memo.parsedSlice(value, 7)).isNull();
		String token = this.memo.slice(value, 7, value.length());
		assertThat(this.memo.parsedSlice(value, 7)).isNull();
		this.memo.parse(NO_CACHE, token, TestJwts.NOW);
		assertThat(this.memo.parsedSlice(value, 7)).isSameAs(token);
		assertThat(this.memo.parsedSlice(value, 6)).isNull();
		assertThat(this.memo.parsedSlice(new String(value), 7)).isNull();
	}

	@Test
	void parsedSliceWhenTheRestOfTheValueDidNotParseThenReturnsNull() {
		String value = "Bearer not.a-token";
		String token = this.memo.slice(value, 7, value.length());
		catchThrowableOfType(() -> this.memo.parse(NO_CACHE, token, TestJwts.NOW), InvalidJwtException.class);
		assertThat(this.memo.parsedSlice(value, 7)).isNull();
	}

	@Test
	void parsedSliceWhenOnlyPartOfTheValueWasSlicedThenReturnsNull() {
		String token = TestJwts.baseline().build();
		String value = "Bearer " + token + " trailing";
		this.memo.parse(NO_CACHE, this.memo.slice(value, 7, 7 + token.length()), TestJwts.NOW);
		assertThat(this.memo.parsedSlice(value, 7)).isNull();
	}

	@Test
	void headerBytesThenCountsEachRequest() {
		GatewayRequest small = ConformanceFixtures.request(null, Map.of("Accept", List.of("a")));
		GatewayRequest large = ConformanceFixtures.request(null, Map.of("Accept", List.of("a".repeat(100))));
		assertThat(this.memo.headerBytes(small)).isEqualTo(small.headerBytes());
		assertThat(this.memo.headerBytes(small)).isEqualTo(small.headerBytes());
		assertThat(this.memo.headerBytes(large)).isEqualTo(large.headerBytes()).isNotEqualTo(small.headerBytes());
	}

}
