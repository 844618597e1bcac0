package dev.nitric.spring.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.nitric.spring.gateway.ConformanceFixtures.authorization;
import static dev.nitric.spring.gateway.ConformanceFixtures.baselineKeys;
import static dev.nitric.spring.gateway.ConformanceFixtures.baselineWith;
import static dev.nitric.spring.gateway.ConformanceFixtures.baselineWithout;
import static dev.nitric.spring.gateway.ConformanceFixtures.bearer;
import static dev.nitric.spring.gateway.ConformanceFixtures.keys;
import static dev.nitric.spring.gateway.ConformanceFixtures.noToken;
import static dev.nitric.spring.gateway.ConformanceFixtures.now;
import static dev.nitric.spring.gateway.ConformanceFixtures.publicRoute;
import static dev.nitric.spring.gateway.ConformanceFixtures.request;
import static dev.nitric.spring.gateway.ConformanceFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance of {@link PortableGateway}: a request passes only when AWS, GCP and Azure all let it through; a
 * rejection is 431 if any cloud answers 431, else 401 if any answers 401, else 403, with an
 * {@code application/problem+json} body naming each rejecting cloud and its reason and listing the clouds that accept.
 */
class PortableGatewayConformanceTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Gateway gateway = Gateways.of(TargetCloud.PORTABLE, VerifiedTokenCache.disabled());

	private final Gateway cached = Gateways.of(TargetCloud.PORTABLE, VerifiedTokenCache.withCapacity(16));

	private Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys) {
		return CacheEquivalence.check(this.gateway, this.cached, request, route, keys, TestJwts.NOW);
	}

	private Decision check(String token) {
		return check(bearer(token), route(), baselineKeys());
	}

	/** The body's {@code rejectedBy} as cloud → reason, and checks of the problem document's shape. */
	private static Map<String, String> rejectedBy(Decision decision, int status) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.PORTABLE);
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(status);
		assertThat(decision.contentType()).isEqualTo("application/problem+json");
		JsonNode body = MAPPER.readTree(decision.body());
		assertThat(body.get("type").asString()).isEqualTo(PortableGateway.PROBLEM_TYPE);
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("title").asString()).isEqualTo(switch (status) {
			case 403 -> "Forbidden";
			case 431 -> "Request Header Fields Too Large";
			default -> "Unauthorized";
		});
		Map<String, String> rejected = new LinkedHashMap<>();
		for (JsonNode rejection : body.get("rejectedBy")) {
			rejected.put(rejection.get("cloud").asString(), rejection.get("reason").asString());
			assertThat(rejection.get("status").asInt()).isBetween(400, 499);
			assertThat(rejection.get("detail").asString()).isNotEmpty();
			assertThat(rejection.get("body").asString()).isNotEmpty();
		}
		assertThat(body.get("detail").asString()).startsWith("Rejected by ");
		return rejected;
	}

	private static List<String> acceptedBy(Decision decision) {
		List<String> accepted = new ArrayList<>();
		MAPPER.readTree(decision.body()).get("acceptedBy").forEach((cloud) -> accepted.add(cloud.asString()));
		return accepted;
	}

	private static void assertAllowed(Decision decision, String sub, String... scopes) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.PORTABLE);
		assertThat(decision.allowed()).as(decision.detail()).isTrue();
		assertThat(decision.reason()).isEqualTo("valid-token");
		assertThat(decision.token().getName()).isEqualTo(sub);
		assertThat(decision.token().scopes()).containsExactly(scopes);
	}

	/** Matrix case 2: accepted by every cloud. */
	@Test
	void checkWhenBaselineTokenThenAllowsWithVerifiedToken() {
		assertAllowed(check(TestJwts.baseline().build()), "u1", "a", "b");
	}

	/** Matrix case 11: a public route passes everywhere. */
	@Test
	void checkWhenPublicRouteThenAllows() {
		Decision decision = check(noToken(), publicRoute(), baselineKeys());
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reason()).isEqualTo("public-route");
		assertThat(decision.token()).isNull();
	}

	/** Matrix case 1: every cloud misses the token; challenge is a bare {@code Bearer}. */
	@Test
	void checkWhenNoTokenThenRejectsWith401NamingEveryCloud() {
		Decision decision = check(noToken(), route(), baselineKeys());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "missing-token"),
				Map.entry("gcp", "missing-token"), Map.entry("azure", "missing-token"));
		assertThat(acceptedBy(decision)).isEmpty();
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer");
		assertThat(decision.reason()).isEqualTo("missing-token");
	}

	/** Matrix case 3: AWS accepts a raw token; GCP and Azure do not. */
	@Test
	void checkWhenTokenWithoutSchemeThenRejectedByGcpAndAzureAcceptedByAws() {
		Decision decision = check(authorization(TestJwts.baseline().build()), route(), baselineKeys());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("gcp", "missing-token"),
				Map.entry("azure", "bad-scheme"));
		assertThat(acceptedBy(decision)).containsExactly("aws");
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
		assertThat(decision.detail()).isEqualTo(
				"Rejected by GCP (401 missing-token), Azure (401 bad-scheme); accepted by AWS");
	}

	/** Matrix case 6: only GCP reads {@code access_token}. */
	@Test
	void checkWhenTokenOnlyInQueryThenAcceptedByGcpOnly() {
		Decision decision = check(request("access_token=" + TestJwts.baseline().build(), Map.of()), route(),
				baselineKeys());
		assertThat(rejectedBy(decision, 401)).containsOnlyKeys("aws", "azure");
		assertThat(acceptedBy(decision)).containsExactly("gcp");
	}

	/** Matrix case 16: ES256 only on GCP. */
	@Test
	void checkWhenEs256ThenRejectedByAwsAndAzure() {
		String token = TestJwts.baseline().signedWith(TestKeys.ec256()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.ec256()));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "unsupported-alg"),
				Map.entry("azure", "unsupported-alg"));
		assertThat(acceptedBy(decision)).containsExactly("gcp");
	}

	/** Matrix case 18: PS256 is undocumented on AWS. */
	@Test
	void checkWhenPs256ThenRejectedByAwsOnly() {
		String token = TestJwts.baseline().header("alg", "PS256").build();
		Decision decision = check(bearer(token), route(), keys(TestKeys.k1().jwk("k1", "PS256")));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "unsupported-alg"));
		assertThat(acceptedBy(decision)).containsExactly("gcp", "azure");
	}

	/** Matrix case 21: AWS requires a {@code kid}. */
	@Test
	void checkWhenNoKidThenRejectedByAwsOnly() {
		Decision decision = check(TestJwts.baseline().withoutHeader("kid").build());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "missing-kid"));
		assertThat(acceptedBy(decision)).containsExactly("gcp", "azure");
	}

	/** Matrix case 22: Azure's refetch cannot make the token portable while AWS and GCP reject it. */
	@Test
	void checkWhenKidNotCachedThenRejectedByAwsAndGcpAndAzureRefetchesOnce() {
		StaticKeyResolver keys = baselineKeys();
		keys.setResultAfterUnknownKid(new JwksResult.Keys(TestKeys.set(TestKeys.k1(), TestKeys.k2())));
		Decision decision = check(bearer(TestJwts.baseline().signedWith(TestKeys.k2()).build()), route(), keys);
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "unknown-kid"),
				Map.entry("gcp", "unknown-kid"));
		assertThat(acceptedBy(decision)).containsExactly("azure");
		assertThat(keys.unknownKidCalls()).singleElement()
			.satisfies((call) -> assertThat(call.policy()).isSameAs(AzureApiManagementGateway.JWKS_POLICY));
	}

	/** Matrix case 24: unavailable keys reject everywhere. */
	@Test
	void checkWhenJwksUnavailableThenRejectedByEveryCloud() {
		Decision decision = check(bearer(TestJwts.baseline().build()), route(), StaticKeyResolver.unavailable("down"));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "jwks-unavailable"),
				Map.entry("gcp", "jwks-unavailable"), Map.entry("azure", "jwks-unavailable"));
		assertThat(MAPPER.readTree(decision.body()).get("rejectedBy").get(1).get("body").asString())
			.isEqualTo("{\"code\":401,\"message\":\"Jwks remote fetch is failed\"}");
	}

	/** Matrix case 29: AWS's header quota makes it 431. */
	@Test
	void checkWhenTokenIs20KbThenRejectsWith431() {
		Decision decision = check(ConformanceFixtures.token20Kb());
		assertThat(rejectedBy(decision, 431)).containsExactly(Map.entry("aws", "headers-too-large"));
		assertThat(acceptedBy(decision)).containsExactly("gcp", "azure");
	}

	/** Matrix case 30: {@code exp = now - 30 s} is rejected by AWS and Azure and accepted by GCP. */
	@Test
	void checkWhenExpired30SecondsAgoThenRejectedByAwsAndAzureAcceptedByGcp() {
		Decision decision = check(baselineWith("exp", now(-30)));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "expired"),
				Map.entry("azure", "expired"));
		assertThat(acceptedBy(decision)).containsExactly("gcp");
		assertThat(decision.reason()).isEqualTo("expired");
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
	}

	/** Matrix case 32: a token without {@code exp} is accepted by GCP only. */
	@Test
	void checkWhenNoExpThenRejectedByAwsAndAzure() {
		Decision decision = check(baselineWithout("exp"));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "missing-exp"),
				Map.entry("azure", "missing-exp"));
		assertThat(acceptedBy(decision)).containsExactly("gcp");
	}

	/** Matrix case 35: only AWS checks {@code iat}. */
	@Test
	void checkWhenIssuedInTheFutureThenRejectedByAwsOnly() {
		Decision decision = check(baselineWith("iat", now(120)));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "issued-in-future"));
		assertThat(acceptedBy(decision)).containsExactly("gcp", "azure");
		assertThat(decision.reason()).isEqualTo("issued-in-future");
	}

	/** Matrix case 41: 401 wins over GCP's 403. */
	@Test
	void checkWhenAudienceDoesNotMatchThenRejectsWith401() {
		Decision decision = check(baselineWith("aud", "other"));
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "audience-mismatch"),
				Map.entry("gcp", "audience-mismatch"), Map.entry("azure", "audience-mismatch"));
		assertThat(MAPPER.readTree(decision.body()).get("rejectedBy").get(1).get("status").asInt()).isEqualTo(403);
		assertThat(decision.reason()).isEqualTo("audience-mismatch");
	}

	/** Matrix case 42: {@code client_id} is honoured by AWS only. */
	@Test
	void checkWhenNoAudienceButClientIdThenRejectedByGcpAndAzure() {
		Decision decision = check(TestJwts.baseline().withoutClaim("aud").claim("client_id", "orders-api").build());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("gcp", "audience-mismatch"),
				Map.entry("azure", "audience-mismatch"));
		assertThat(acceptedBy(decision)).containsExactly("aws");
	}

	/** Matrix case 44: a trailing slash passes GCP only. */
	@Test
	void checkWhenAudienceHasTrailingSlashThenAcceptedByGcpOnly() {
		Decision decision = check(baselineWith("aud", "orders-api/"));
		assertThat(rejectedBy(decision, 401)).containsOnlyKeys("aws", "azure");
		assertThat(acceptedBy(decision)).containsExactly("gcp");
	}

	/** Matrix case 50: every cloud (or the application on GCP) answers 403. */
	@Test
	void checkWhenScopeMissingThenRejectsWith403InsufficientScope() {
		Decision decision = check(bearer(TestJwts.baseline().build()), route("c"), baselineKeys());
		assertThat(rejectedBy(decision, 403)).containsExactly(Map.entry("aws", "insufficient-scope"),
				Map.entry("gcp", "insufficient-scope"), Map.entry("azure", "insufficient-scope"));
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
		assertThat(decision.reason()).isEqualTo("insufficient-scope");
	}

	/** Matrix case 52: a {@code scp} array is undocumented on AWS. */
	@Test
	void checkWhenScpIsArrayThenRejectedByAwsWith403() {
		String token = TestJwts.baseline().withoutClaim("scope").claim("scp", List.of("a", "b")).build();
		Decision decision = check(bearer(token), route("b"), baselineKeys());
		assertThat(rejectedBy(decision, 403)).containsExactly(Map.entry("aws", "insufficient-scope"));
		assertThat(acceptedBy(decision)).containsExactly("gcp", "azure");
	}

	/** A 401 from one cloud and a 403 from another answer 401. */
	@Test
	void checkWhenOneCloudAnswers401AndOthers403ThenRejectsWith401() {
		String token = TestJwts.baseline().withoutHeader("kid").claim("scope", "a").build();
		Decision decision = check(bearer(token), route("c"), baselineKeys());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "missing-kid"),
				Map.entry("gcp", "insufficient-scope"), Map.entry("azure", "insufficient-scope"));
		assertThat(decision.reason()).isEqualTo("missing-kid,insufficient-scope");
	}

	/** Bad input: duplicate claims are rejected by every cloud profile. */
	@Test
	void checkWhenDuplicateClaimThenRejectedByEveryCloud() {
		String payload = "{\"iss\":\"https://idp.example.com\",\"aud\":\"orders-api\",\"aud\":\"orders-api\",\"exp\":"
				+ now(600) + ",\"iat\":" + now(-10) + "}";
		Decision decision = check(TestJwts.baseline().rawPayload(payload).build());
		assertThat(rejectedBy(decision, 401)).containsOnlyKeys("aws", "gcp", "azure");
		assertThat(acceptedBy(decision)).isEmpty();
	}

	/** Bad input: a {@code crit} header is rejected by AWS and Azure. */
	@Test
	void checkWhenCritHeaderThenRejectedByAwsAndAzure() {
		Decision decision = check(TestJwts.baseline().header("crit", List.of("exp")).build());
		assertThat(rejectedBy(decision, 401)).containsExactly(Map.entry("aws", "crit-header"),
				Map.entry("azure", "crit-header"));
	}

	/** Alternatives: a token meeting either requirement passes on every cloud. */
	@Test
	void checkWhenRouteHasTwoRequirementsThenTokenMeetingEitherIsAllowed() {
		RoutePolicy route = route(
				List.of(dev.nitric.spring.model.SecurityRequirement.of("partners", "x"),
						dev.nitric.spring.model.SecurityRequirement.of("idp", "b")),
				ConformanceFixtures.OTHER_IDP, ConformanceFixtures.IDP);
		assertAllowed(check(bearer(TestJwts.baseline().build()), route, baselineKeys()), "u1", "a", "b");
		String partnerToken = TestJwts.baseline()
			.claim("iss", ConformanceFixtures.OTHER_IDP.issuer())
			.claim("scope", "x")
			.build();
		assertAllowed(check(bearer(partnerToken), route, baselineKeys()), "u1", "x");
	}

}
