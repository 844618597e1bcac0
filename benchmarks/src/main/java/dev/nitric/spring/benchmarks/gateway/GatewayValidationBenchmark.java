package dev.nitric.spring.benchmarks.gateway;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.Gateways;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.RoutePolicy;
import dev.nitric.spring.gateway.TestJwts;
import dev.nitric.spring.gateway.TestKeys;
import dev.nitric.spring.gateway.VerifiedTokenCache;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Full validation of one request's bearer token, the same token each time (what a cache of verified tokens is for):
 * <ul>
 * <li>{@code nitric*}: our gateway emulation ({@link Gateway#check}) on a secured route, with the cache of
 * {@link VerifiedTokenCache#withCapacity(int) 1000 tokens} ({@code Cached}) or {@link VerifiedTokenCache#disabled()
 * none} ({@code Uncached}); AWS and portable profiles for RS256-2048, GCP for ES256 (AWS rejects ES256, and so does
 * portable);</li>
 * <li>{@code springDecoder*}: Spring Security's {@link NimbusJwtDecoder} with its default validators;</li>
 * <li>{@code nimbusFloor*}: Nimbus' {@link DefaultJWTProcessor} alone (JWS verifier and default claims verifier),
 * the floor.</li>
 * </ul>
 * The request is built once; the current time is read per call, as the filter does. Each benchmark checks in
 * {@link #setUp()} that the token is accepted, so that no benchmark measures a rejection.
 * <p>
 * A {@code Cached} gateway answers a request that repeats the last one it allowed, in the same second, with the same
 * decision, without the checks; the {@code CachedNewRequest} benchmarks alternate two requests carrying the same
 * token (their {@code User-Agent} differs), so that every call runs the checks with the token cache's parse and
 * signature verification: what a request from another client, or to another path, with a known token costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GatewayValidationBenchmark {

	private String rsaToken;

	private String ecToken;

	private GatewayRequest rsaRequest;

	private GatewayRequest ecRequest;

	/** Two requests with the same token that differ in one header. */
	private GatewayRequest[] rsaRequests;

	private int next;

	private RoutePolicy route;

	private KeyResolver rsaKeys;

	private KeyResolver ecKeys;

	private Gateway awsCached;

	private Gateway awsUncached;

	private Gateway portableCached;

	private Gateway portableUncached;

	private Gateway gcpCached;

	private Gateway gcpUncached;

	private NimbusJwtDecoder springRsa;

	private NimbusJwtDecoder springEc;

	private DefaultJWTProcessor<SecurityContext> nimbusRsa;

	private DefaultJWTProcessor<SecurityContext> nimbusEc;

	/**
	 * Build tokens, gateways and decoders, and check that each accepts its token.
	 * @throws Exception if a decoder cannot be built or rejects its token
	 */
	@Setup
	public void setUp() throws Exception {
		Instant now = Instant.now();
		long seconds = now.getEpochSecond();
		this.rsaToken = TestJwts.baseline(now).claim("exp", seconds + 3600).build();
		this.ecToken = TestJwts.baseline(now).signedWith(TestKeys.ec256()).claim("exp", seconds + 3600).build();
		this.rsaRequest = request(this.rsaToken);
		this.rsaRequests = new GatewayRequest[] { request(this.rsaToken, "jmh-1"), request(this.rsaToken, "jmh-2") };
		this.ecRequest = request(this.ecToken);
		SecurityDefinition definition = SecurityDefinition.jwt("user")
			.issuer(TestJwts.ISSUER)
			.audiences(TestJwts.AUDIENCE);
		this.route = new RoutePolicy("main", "GET", "/planets", List.of(new SecurityRequirement("user", List.of())),
				Map.of("user", definition));
		this.rsaKeys = new FixedKeyResolver(TestKeys.set(TestKeys.k1()));
		this.ecKeys = new FixedKeyResolver(TestKeys.set(TestKeys.ec256()));
		this.awsCached = Gateways.of(TargetCloud.AWS, VerifiedTokenCache.withCapacity(1000));
		this.awsUncached = Gateways.of(TargetCloud.AWS, VerifiedTokenCache.disabled());
		this.portableCached = Gateways.of(TargetCloud.PORTABLE, VerifiedTokenCache.withCapacity(1000));
		this.portableUncached = Gateways.of(TargetCloud.PORTABLE, VerifiedTokenCache.disabled());
		this.gcpCached = Gateways.of(TargetCloud.GCP, VerifiedTokenCache.withCapacity(1000));
		this.gcpUncached = Gateways.of(TargetCloud.GCP, VerifiedTokenCache.disabled());
		this.springRsa = NimbusJwtDecoder.withPublicKey((RSAPublicKey) TestKeys.k1().verificationKey()).build();
		ECKey ecJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) TestKeys.ec256().verificationKey()).keyID("ec1")
			.build();
		this.springEc = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(ecJwk)))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		this.nimbusRsa = new DefaultJWTProcessor<>();
		this.nimbusRsa.setJWSKeySelector(
				new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, TestKeys.k1().verificationKey()));
		this.nimbusEc = new DefaultJWTProcessor<>();
		this.nimbusEc.setJWSKeySelector(
				new SingleKeyJWSKeySelector<>(JWSAlgorithm.ES256, TestKeys.ec256().verificationKey()));
		requireAllowed("nitricAwsRs256Cached", nitricAwsRs256Cached());
		requireAllowed("nitricAwsRs256Uncached", nitricAwsRs256Uncached());
		requireAllowed("nitricAwsRs256CachedNewRequest", nitricAwsRs256CachedNewRequest());
		requireAllowed("nitricPortableRs256CachedNewRequest", nitricPortableRs256CachedNewRequest());
		requireAllowed("nitricPortableRs256Cached", nitricPortableRs256Cached());
		requireAllowed("nitricPortableRs256Uncached", nitricPortableRs256Uncached());
		requireAllowed("nitricGcpEs256Cached", nitricGcpEs256Cached());
		requireAllowed("nitricGcpEs256Uncached", nitricGcpEs256Uncached());
		springDecoderRs256();
		springDecoderEs256();
		nimbusFloorRs256();
		nimbusFloorEs256();
	}

	private static GatewayRequest request(String token) {
		return request(token, "jmh");
	}

	private static GatewayRequest request(String token, String userAgent) {
		return new GatewayRequest("GET", "/planets", null, Map.of("Host", List.of("localhost:8080"), "Accept",
				List.of("application/json"), "User-Agent", List.of(userAgent), "Authorization",
				List.of("Bearer " + token)));
	}

	private GatewayRequest nextRsaRequest() {
		this.next ^= 1;
		return this.rsaRequests[this.next];
	}

	private static void requireAllowed(String benchmark, Decision decision) {
		if (!decision.allowed()) {
			throw new IllegalStateException(benchmark + " rejects its token: " + decision.reason() + ": "
					+ decision.detail());
		}
	}

	/**
	 * AWS profile, RS256-2048, cache of 1000 tokens.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricAwsRs256Cached() {
		return this.awsCached.check(this.rsaRequest, this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * AWS profile, RS256-2048, no cache.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricAwsRs256Uncached() {
		return this.awsUncached.check(this.rsaRequest, this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * AWS profile, RS256-2048, cache of 1000 tokens, a request that is not the last one (the same token).
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricAwsRs256CachedNewRequest() {
		return this.awsCached.check(nextRsaRequest(), this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * Portable profile, RS256-2048, one shared cache of 1000 tokens, a request that is not the last one (the same
	 * token).
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricPortableRs256CachedNewRequest() {
		return this.portableCached.check(nextRsaRequest(), this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * Portable profile (AWS, GCP and Azure all check), RS256-2048, one shared cache of 1000 tokens.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricPortableRs256Cached() {
		return this.portableCached.check(this.rsaRequest, this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * Portable profile, RS256-2048, no cache.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricPortableRs256Uncached() {
		return this.portableUncached.check(this.rsaRequest, this.route, this.rsaKeys, Instant.now());
	}

	/**
	 * GCP profile, ES256 (P-256), cache of 1000 tokens.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricGcpEs256Cached() {
		return this.gcpCached.check(this.ecRequest, this.route, this.ecKeys, Instant.now());
	}

	/**
	 * GCP profile, ES256 (P-256), no cache.
	 * @return the decision
	 */
	@Benchmark
	public Decision nitricGcpEs256Uncached() {
		return this.gcpUncached.check(this.ecRequest, this.route, this.ecKeys, Instant.now());
	}

	/**
	 * Spring Security's decoder, {@code withPublicKey(rsa)}, default validators.
	 * @return the decoded token
	 */
	@Benchmark
	public Jwt springDecoderRs256() {
		return this.springRsa.decode(this.rsaToken);
	}

	/**
	 * Spring Security's decoder, {@code withJwkSource} of the EC key and {@code ES256}, default validators.
	 * @return the decoded token
	 */
	@Benchmark
	public Jwt springDecoderEs256() {
		return this.springEc.decode(this.ecToken);
	}

	/**
	 * Nimbus alone: parse, RS256 verification, default claims verifier.
	 * @return the claims
	 * @throws Exception never for the benchmark's token
	 */
	@Benchmark
	public JWTClaimsSet nimbusFloorRs256() throws Exception {
		return this.nimbusRsa.process(this.rsaToken, null);
	}

	/**
	 * Nimbus alone: parse, ES256 verification, default claims verifier.
	 * @return the claims
	 * @throws Exception never for the benchmark's token
	 */
	@Benchmark
	public JWTClaimsSet nimbusFloorEs256() throws Exception {
		return this.nimbusEc.process(this.ecToken, null);
	}

}
