package dev.nitric.spring.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nitric.spring.cloud.TargetCloud;
import org.junit.jupiter.api.Test;

import static dev.nitric.spring.gateway.ConformanceFixtures.baselineKeys;
import static dev.nitric.spring.gateway.ConformanceFixtures.bearer;
import static dev.nitric.spring.gateway.ConformanceFixtures.keys;
import static dev.nitric.spring.gateway.ConformanceFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link PortableGateway} shares one {@link RequestMemo} among the three clouds' gateways: the real signature
 * verifications ({@link Signatures#verify(Jwt, JsonWebKey)}) are counted, and a cloud's own checks still apply to
 * a token another cloud verified. That each cloud answers inside the portable gateway as it does alone is proved
 * for every conformance case by {@link CacheEquivalence}.
 */
class PortableGatewayTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private boolean countedVerification(Jwt jwt, JsonWebKey key) {
		this.verifications.incrementAndGet();
		return Signatures.verify(jwt, key);
	}

	private PortableGateway portable(VerifiedTokenCache cache, TargetCloud... order) {
		List<Gateway> gateways = Arrays.stream(order).map((cloud) -> Gateways.of(cloud, cache)).toList();
		return new PortableGateway(gateways, this::countedVerification);
	}

	private PortableGateway portable(VerifiedTokenCache cache) {
		return portable(cache, TargetCloud.AWS, TargetCloud.GCP, TargetCloud.AZURE);
	}

	@Test
	void checkWhenCacheDisabledThenVerifiesTheSignatureOncePerRequest() {
		PortableGateway gateway = portable(VerifiedTokenCache.disabled());
		GatewayRequest request = bearer(TestJwts.baseline().build());
		assertThat(gateway.check(request, route(), baselineKeys(), TestJwts.NOW).allowed()).isTrue();
		assertThat(this.verifications).hasValue(1);
		assertThat(gateway.check(request, route(), baselineKeys(), TestJwts.NOW).allowed()).isTrue();
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void checkWhenCacheDisabledThenEveryCloudVerifiesTheSameParsedToken() {
		GatewayRequest request = bearer(TestJwts.baseline().build());
		List<Decision> decisions = portable(VerifiedTokenCache.disabled()).decisions(request, route(), baselineKeys(),
				TestJwts.NOW);
		assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, true);
		// a VerifiedToken holds the parsed token's own claims: the same map means the same parse
		assertThat(decisions.get(1).token().claims()).isSameAs(decisions.get(0).token().claims());
		assertThat(decisions.get(2).token().claims()).isSameAs(decisions.get(0).token().claims());
		assertThat(decisions.get(2).token().tokenValue()).isSameAs(decisions.get(0).token().tokenValue());
	}

	@Test
	void checkWhenCacheDisabledAndSignatureDoesNotVerifyThenVerifiesItOncePerRequest() {
		String token = TestJwts.baseline().key(TestKeys.k2()).build();
		List<Decision> decisions = portable(VerifiedTokenCache.disabled()).decisions(bearer(token), route(),
				baselineKeys(), TestJwts.NOW);
		assertThat(decisions).extracting(Decision::reason)
			.containsExactly("bad-signature", "bad-signature", "bad-signature");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void checkWhenCacheEnabledThenVerifiesTheSignatureOnceAcrossRequests() {
		PortableGateway gateway = portable(VerifiedTokenCache.withCapacity(16));
		StaticKeyResolver keys = baselineKeys();
		assertThat(gateway.check(bearer(TestJwts.baseline().build()), route(), keys, TestJwts.NOW).allowed()).isTrue();
		assertThat(gateway.check(bearer(TestJwts.baseline().build()), route(), keys, TestJwts.NOW).allowed()).isTrue();
		assertThat(this.verifications).hasValue(1);
	}

	/**
	 * GCP verifies by the key's type ({@code jwt_verify_lib}): an EC key without {@code alg} verifies an ECDSA
	 * signature under {@code "alg":"RS256"}. Once GCP has verified it, AWS still refuses an EC key for RS256 and Azure
	 * still tries RSA keys only.
	 */
	@Test
	void checkWhenGcpVerifiedTheTokenWithAnEcKeyThenAwsAndAzureStillRefuseTheKey() {
		String token = TestJwts.baseline()
			.key(TestKeys.ec256())
			.signingAlgorithm("ES256")
			.header("alg", "RS256")
			.header("kid", "k1")
			.build();
		StaticKeyResolver keys = keys(TestKeys.ec256().jwk("k1", null));
		for (TargetCloud[] order : List.of(new TargetCloud[] { TargetCloud.GCP, TargetCloud.AWS, TargetCloud.AZURE },
				new TargetCloud[] { TargetCloud.GCP, TargetCloud.AZURE, TargetCloud.AWS })) {
			this.verifications.set(0);
			List<Decision> decisions = portable(VerifiedTokenCache.disabled(), order).decisions(bearer(token), route(),
					keys, TestJwts.NOW);
			assertThat(decisions).filteredOn((decision) -> decision.cloud() == TargetCloud.GCP)
				.singleElement()
				.satisfies((decision) -> assertThat(decision.allowed()).isTrue());
			assertThat(decisions).filteredOn((decision) -> decision.cloud() == TargetCloud.AWS)
				.singleElement()
				.satisfies((decision) -> assertThat(decision.reason()).isEqualTo("key-mismatch"));
			assertThat(decisions).filteredOn((decision) -> decision.cloud() == TargetCloud.AZURE)
				.singleElement()
				.satisfies((decision) -> assertThat(decision.reason()).isEqualTo("bad-signature"));
			assertThat(this.verifications).hasValue(1);
		}
	}

	/**
	 * Without a {@code kid}, GCP tries every key and verifies with the EC key; Azure tries its RSA keys only, and the
	 * memo answers for the RSA key what that key says, not what the EC key said.
	 */
	@Test
	void checkWhenGcpVerifiedTheTokenWithAnotherKeyThenAzureStillVerifiesWithItsOwnKey() {
		String token = TestJwts.baseline()
			.key(TestKeys.ec256())
			.signingAlgorithm("ES256")
			.header("alg", "RS256")
			.withoutHeader("kid")
			.build();
		StaticKeyResolver keys = keys(TestKeys.ec256().jwk(false, false), TestKeys.k1().jwk(false, false));
		List<Decision> decisions = portable(VerifiedTokenCache.disabled(), TargetCloud.GCP, TargetCloud.AZURE,
				TargetCloud.AWS)
			.decisions(bearer(token), route(), keys, TestJwts.NOW);
		assertThat(decisions).extracting(Decision::reason).containsExactly("valid-token", "bad-signature", "missing-kid");
		assertThat(this.verifications).hasValue(2);
	}

	/** GCP accepts a 1024-bit RSA key; AWS and Azure still reject it after GCP has verified the token with it. */
	@Test
	void checkWhenGcpVerifiedTheTokenWithA1024BitKeyThenAwsAndAzureStillRejectTheKey() {
		String token = TestJwts.baseline().signedWith(TestKeys.rsa1024()).build();
		List<Decision> decisions = portable(VerifiedTokenCache.disabled(), TargetCloud.GCP, TargetCloud.AWS,
				TargetCloud.AZURE)
			.decisions(bearer(token), route(), StaticKeyResolver.of(TestKeys.rsa1024()), TestJwts.NOW);
		assertThat(decisions).extracting(Decision::cloud)
			.containsExactly(TargetCloud.GCP, TargetCloud.AWS, TargetCloud.AZURE);
		assertThat(decisions).extracting(Decision::reason).containsExactly("valid-token", "weak-key", "weak-key");
		assertThat(this.verifications).hasValue(1);
	}

}
