package dev.nitric.spring.gateway;

import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static dev.nitric.spring.gateway.ConformanceFixtures.IDP;
import static dev.nitric.spring.gateway.ConformanceFixtures.OTHER_IDP;
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
 * Conformance of {@link AzureApiManagementGateway} with the matrix of {@code gateways.md} §5 (Azure column), for the
 * policy the deployer writes (described in the class's Javadoc): documented (D) cells as documented, undocumented
 * (U/I) cells as the Javadoc chooses (strict). The gateway sends no {@code WWW-Authenticate} (undocumented).
 */
class AzureApiManagementGatewayConformanceTests {

	private static final String NOT_PRESENT = "{ \"statusCode\": 401, \"message\": \"JWT not present.\" }";

	private static final String INVALID = "{ \"statusCode\": 401, \"message\": \"Invalid JWT.\" }";

	private final AzureApiManagementGateway gateway = new AzureApiManagementGateway();

	private final AzureApiManagementGateway cached = new AzureApiManagementGateway(VerifiedTokenCache.withCapacity(16));

	private Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys) {
		return CacheEquivalence.check(this.gateway, this.cached, request, route, keys, TestJwts.NOW);
	}

	private Decision check(String token) {
		return check(bearer(token), route(), baselineKeys());
	}

	private static void assertAllowed(Decision decision, String sub, String... scopes) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.AZURE);
		assertThat(decision.allowed()).as(decision.detail()).isTrue();
		assertThat(decision.status()).isZero();
		assertThat(decision.reason()).isEqualTo("valid-token");
		assertThat(decision.token()).isNotNull();
		assertThat(decision.token().getName()).isEqualTo(sub);
		assertThat(decision.token().scopes()).containsExactly(scopes);
	}

	private static void assertRejected(Decision decision, String body, String reason) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.AZURE);
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(401);
		assertThat(decision.contentType()).isEqualTo("application/json");
		assertThat(decision.body()).isEqualTo(body);
		assertThat(decision.reason()).isEqualTo(reason);
		assertThat(decision.headers()).isEmpty();
		assertThat(decision.token()).isNull();
	}

	private static void assertInvalid(Decision decision, String reason) {
		assertRejected(decision, INVALID, reason);
	}

	private static void assertForbidden(Decision decision) {
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(403);
		assertThat(decision.body()).isEqualTo(AzureApiManagementGateway.FORBIDDEN_BODY);
		assertThat(decision.reason()).isEqualTo("insufficient-scope");
		assertThat(decision.headers()).isEmpty();
	}

	// Token location and syntax

	/** Matrix case 1. */
	@Test
	void checkWhenNoTokenThenRejectsJwtNotPresent() {
		assertRejected(check(noToken(), route(), baselineKeys()), NOT_PRESENT, "missing-token");
	}

	/** Matrix case 2. */
	@Test
	void checkWhenBaselineTokenThenAllowsWithSubjectAndScopes() {
		String token = TestJwts.baseline().build();
		Decision decision = check(token);
		assertAllowed(decision, "u1", "a", "b");
		assertThat(decision.token().tokenValue()).isEqualTo(token);
		assertThat(decision.token().definition()).isEqualTo("idp");
	}

	/** Matrix case 3: {@code require-scheme="Bearer"}. */
	@Test
	void checkWhenTokenWithoutSchemeThenRejectsJwtNotPresent() {
		assertRejected(check(authorization(TestJwts.baseline().build()), route(), baselineKeys()), NOT_PRESENT,
				"bad-scheme");
	}

	/** Matrix case 4 (U: the emulator rejects). */
	@Test
	void checkWhenLowerCaseBearerThenRejects() {
		Decision decision = check(authorization("bearer " + TestJwts.baseline().build()), route(), baselineKeys());
		assertRejected(decision, NOT_PRESENT, "bad-scheme");
		assertThat(decision.detail()).contains("undocumented");
	}

	/** Matrix case 5 (U: the emulator rejects). */
	@Test
	void checkWhenTwoSpacesAfterBearerThenRejects() {
		assertInvalid(check(authorization("Bearer  " + TestJwts.baseline().build()), route(), baselineKeys()),
				"bad-scheme");
	}

	/** Matrix case 6. */
	@Test
	void checkWhenTokenOnlyInAccessTokenQueryThenRejectsJwtNotPresent() {
		assertRejected(check(request("access_token=" + TestJwts.baseline().build(), Map.of()), route(), baselineKeys()),
				NOT_PRESENT, "missing-token");
	}

	/** Matrix case 7. */
	@Test
	void checkWhenTokenOnlyInIapHeaderThenRejectsJwtNotPresent() {
		assertRejected(check(request(null, Map.of("X-Goog-Iap-Jwt-Assertion", List.of(TestJwts.baseline().build()))),
				route(), baselineKeys()), NOT_PRESENT, "missing-token");
	}

	/** Matrix case 8. */
	@Test
	void checkWhenTokenOnlyInCookieThenRejectsJwtNotPresent() {
		assertRejected(check(request(null, Map.of("Cookie", List.of("access_token=" + TestJwts.baseline().build()))),
				route(), baselineKeys()), NOT_PRESENT, "missing-token");
	}

	/** Matrix case 9 (I: the query is not read). */
	@Test
	void checkWhenValidHeaderTokenAndInvalidQueryTokenThenAllows() {
		GatewayRequest request = request("access_token=garbage",
				Map.of("Authorization", List.of("Bearer " + TestJwts.baseline().build())));
		assertAllowed(check(request, route(), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 10 (U: the emulator rejects); bad input: several {@code Authorization} headers. */
	@Test
	void checkWhenTwoAuthorizationHeadersThenRejects() {
		String token = TestJwts.baseline().build();
		assertInvalid(check(authorization("Bearer " + token, "Bearer x.y.z"), route(), baselineKeys()),
				"multiple-tokens");
		assertInvalid(check(authorization("Bearer " + token, "Bearer " + token), route(), baselineKeys()),
				"multiple-tokens");
	}

	/** Matrix case 11. */
	@Test
	void checkWhenPublicRouteWithoutTokenThenAllowsWithoutToken() {
		StaticKeyResolver keys = baselineKeys();
		Decision decision = check(noToken(), publicRoute(), keys);
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reason()).isEqualTo("public-route");
		assertThat(decision.token()).isNull();
		assertThat(keys.calls()).isEmpty();
	}

	/** Matrix case 12. */
	@Test
	void checkWhenPublicRouteWithGarbageAuthorizationThenAllows() {
		assertThat(check(authorization("Bearer garbage"), publicRoute(), baselineKeys()).allowed()).isTrue();
	}

	// Algorithms and keys

	/** Matrix case 13, bad input: {@code alg: none} with an empty signature. */
	@Test
	void checkWhenAlgNoneWithEmptySignatureThenRejects() {
		String token = TestJwts.baseline().header("alg", "none").withoutHeader("kid").buildWithSignature("");
		assertInvalid(check(token), "malformed-token");
	}

	/** Matrix case 13, bad input: {@code alg: none} with a dummy signature. */
	@Test
	void checkWhenAlgNoneWithSignatureThenRejects() {
		assertInvalid(check(TestJwts.baseline().header("alg", "none").buildWithSignature("c2ln")), "unsupported-alg");
	}

	/** Matrix case 14, bad input: HS256 signed with the RSA public key's bytes. */
	@Test
	void checkWhenHs256SignedWithRsaPublicKeyBytesThenRejects() {
		TestKeys.TestKey confused = TestKeys.hmac("k1", TestKeys.k1().verificationKey().getEncoded());
		StaticKeyResolver keys = baselineKeys();
		assertInvalid(check(bearer(TestJwts.baseline().signedWith(confused).build()), route(), keys),
				"unsupported-alg");
		assertThat(keys.calls()).isEmpty();
	}

	/** Matrix case 15: the deployed policy has no inline key, so HS256 is not accepted. */
	@Test
	void checkWhenHs256WithSharedSecretPublishedAsOctKeyThenRejects() {
		String token = TestJwts.baseline().signedWith(TestKeys.hmac()).build();
		assertInvalid(check(bearer(token), route(), StaticKeyResolver.of(TestKeys.hmac())), "unsupported-alg");
	}

	/** Matrix case 16 (U: the emulator rejects). */
	@Test
	void checkWhenEs256ThenRejectsUndocumentedAlg() {
		String token = TestJwts.baseline().signedWith(TestKeys.ec256()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.ec256()));
		assertInvalid(decision, "unsupported-alg");
		assertThat(decision.detail()).contains("RS256, RS512 and PS256");
	}

	/** Matrix case 16 variant (U): RS384 is not documented either. */
	@Test
	void checkWhenRs384ThenRejectsUndocumentedAlg() {
		String token = TestJwts.baseline().header("alg", "RS384").build();
		assertInvalid(check(bearer(token), route(), keys(TestKeys.k1().jwk(false, true))), "unsupported-alg");
	}

	/** Matrix case 17. */
	@Test
	void checkWhenRs512ThenAllows() {
		String token = TestJwts.baseline().header("alg", "RS512").build();
		assertAllowed(check(bearer(token), route(), keys(TestKeys.k1().jwk("k1", "RS512"))), "u1", "a", "b");
		assertAllowed(check(bearer(token), route(), keys(TestKeys.k1().jwk(false, true))), "u1", "a", "b");
	}

	/** Matrix case 18. */
	@Test
	void checkWhenPs256ThenAllows() {
		String token = TestJwts.baseline().header("alg", "PS256").build();
		assertAllowed(check(bearer(token), route(), keys(TestKeys.k1().jwk("k1", "PS256"))), "u1", "a", "b");
	}

	/** Matrix case 19 (I: IdentityModel's floor is 1024 bits, undocumented for APIM: the emulator is strict). */
	@Test
	void checkWhenRs256With1024BitKeyThenRejectsAsUndocumented() {
		String token = TestJwts.baseline().signedWith(TestKeys.rsa1024()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.rsa1024()));
		assertInvalid(decision, "weak-key");
		assertThat(decision.detail()).contains("1024 bits").contains("does not document");
	}

	/** Matrix case 20 (U: the emulator verifies RS256 with RSA keys only). */
	@Test
	void checkWhenHeaderSaysRs256ButSignatureIsEs256WithEcKeyThenRejects() {
		String token = TestJwts.baseline()
			.key(TestKeys.ec256())
			.signingAlgorithm("ES256")
			.header("alg", "RS256")
			.header("kid", "k1")
			.build();
		assertInvalid(check(bearer(token), route(), keys(TestKeys.ec256().jwk("k1", null))), "bad-signature");
	}

	/** Matrix case 21 (I: keys tried in turn). */
	@Test
	void checkWhenNoKidThenTriesEveryKeyAndAllows() {
		String token = TestJwts.baseline().withoutHeader("kid").build();
		StaticKeyResolver keys = StaticKeyResolver.of(TestKeys.k2(), TestKeys.k1());
		assertAllowed(check(bearer(token), route(), keys), "u1", "a", "b");
		assertThat(keys.unknownKidCalls()).isEmpty();
	}

	/** Matrix case 22: an unknown {@code kid} triggers exactly one refetch, which finds the new key. */
	@Test
	void checkWhenKidNotInCachedKeysThenRefetchesOnceWithAzurePolicyAndAllows() {
		String token = TestJwts.baseline().signedWith(TestKeys.k2()).build();
		StaticKeyResolver keys = baselineKeys();
		keys.setResultAfterUnknownKid(new JwksResult.Keys(TestKeys.set(TestKeys.k1(), TestKeys.k2())));
		assertAllowed(check(bearer(token), route(), keys), "u1", "a", "b");
		assertThat(keys.unknownKidCalls()).singleElement().satisfies((call) -> {
			assertThat(call.policy()).isSameAs(AzureApiManagementGateway.JWKS_POLICY);
			assertThat(call.definition()).isEqualTo(IDP);
		});
	}

	/** Matrix case 22: within five minutes of the last refetch the cached keys stay, and the token is rejected. */
	@Test
	void checkWhenKidUnknownAndRefetchFindsNothingNewThenRejectsAfterOneRefetch() {
		String token = TestJwts.baseline().signedWith(TestKeys.k2()).build();
		StaticKeyResolver keys = baselineKeys();
		Decision decision = check(bearer(token), route(), keys);
		assertInvalid(decision, "unknown-kid");
		assertThat(decision.detail()).contains("TokenSignatureKeyNotFound");
		assertThat(keys.unknownKidCalls()).hasSize(1);
	}

	/** Matrix case 22: a refetch that fails leaves the cached keys. */
	@Test
	void checkWhenKidUnknownAndRefetchFailsThenRejectsUnknownKid() {
		String token = TestJwts.baseline().signedWith(TestKeys.k2()).build();
		StaticKeyResolver keys = baselineKeys();
		keys.setResultAfterUnknownKid(new JwksResult.Unavailable("timeout"));
		assertInvalid(check(bearer(token), route(), keys), "unknown-kid");
		assertThat(keys.unknownKidCalls()).hasSize(1);
	}

	/** Matrix case 23. */
	@Test
	void checkWhenPayloadTamperedThenRejectsSignatureInvalid() {
		String token = TestJwts.baseline().build();
		String tampered = TestJwts.replaceSegment(token, 1,
				TestJwts.encode(TestJwts.baseline().claim("sub", "admin").payloadJson()));
		Decision decision = check(tampered);
		assertInvalid(decision, "bad-signature");
		assertThat(decision.detail()).contains("TokenSignatureInvalid");
	}

	/** Matrix case 24. */
	@Test
	void checkWhenJwksUnavailableThenRejects() {
		Decision decision = check(bearer(TestJwts.baseline().build()), route(),
				StaticKeyResolver.unavailable("invalid JSON"));
		assertInvalid(decision, "jwks-unavailable");
		assertThat(decision.detail()).contains("invalid JSON");
	}

	// Format

	/** Matrix case 25. */
	@Test
	void checkWhenTwoSegmentsThenRejectsInvalidJwt() {
		String token = TestJwts.baseline().build();
		Decision decision = check(token.substring(0, token.lastIndexOf('.')));
		assertInvalid(decision, "malformed-token");
		assertThat(decision.detail()).startsWith("JwtInvalid: ");
	}

	/** Matrix case 26; bad input: malformed base64. */
	@Test
	void checkWhenHeaderNotBase64UrlThenRejects() {
		String token = TestJwts.baseline().build();
		assertInvalid(check(TestJwts.replaceSegment(token, 0, "eyJhb")), "malformed-token");
		assertInvalid(check(TestJwts.replaceSegment(token, 0, "ey*J")), "malformed-token");
	}

	/** Matrix case 27; bad input: non-JSON. */
	@Test
	void checkWhenPayloadNotJsonThenRejects() {
		assertInvalid(check(TestJwts.baseline().rawPayload("not json").build()), "malformed-token");
	}

	/** Matrix case 28 (U: the emulator rejects); bad input: duplicate claim names. */
	@Test
	void checkWhenDuplicateClaimThenRejects() {
		String payload = "{\"iss\":\"https://idp.example.com\",\"aud\":\"x\",\"aud\":\"orders-api\",\"sub\":\"u1\",\"iat\":"
				+ now(-10) + ",\"exp\":" + now(600) + "}";
		assertInvalid(check(TestJwts.baseline().rawPayload(payload).build()), "malformed-token");
	}

	// Time claims

	/** Matrix case 30: {@code clock-skew="0"}. */
	@Test
	void checkWhenExpired30SecondsAgoThenRejectsTokenExpired() {
		Decision decision = check(baselineWith("exp", now(-30)));
		assertInvalid(decision, "expired");
		assertThat(decision.detail()).startsWith("TokenExpired");
	}

	/** Matrix case 30 boundary: {@code exp} must be after now. */
	@Test
	void checkWhenExpIsNowThenRejectsAndOneSecondLaterAllows() {
		assertInvalid(check(baselineWith("exp", now(0))), "expired");
		assertAllowed(check(baselineWith("exp", now(1))), "u1", "a", "b");
	}

	/** Matrix case 31. */
	@Test
	void checkWhenExpired120SecondsAgoThenRejectsTokenExpired() {
		assertInvalid(check(baselineWith("exp", now(-120))), "expired");
	}

	/** Matrix case 32: {@code require-expiration-time="true"}. */
	@Test
	void checkWhenNoExpThenRejects() {
		assertInvalid(check(baselineWithout("exp")), "missing-exp");
	}

	/** Matrix case 33 (I: lifetime check, skew 0). */
	@Test
	void checkWhenNotBefore30SecondsFromNowThenRejects() {
		assertInvalid(check(baselineWith("nbf", now(30))), "not-yet-valid");
	}

	/** Matrix case 34 (I). */
	@Test
	void checkWhenNotBefore120SecondsFromNowThenRejects() {
		assertInvalid(check(baselineWith("nbf", now(120))), "not-yet-valid");
	}

	/** Matrix case 33 boundary: {@code nbf} equal to now passes. */
	@Test
	void checkWhenNotBeforeIsNowThenAllows() {
		assertAllowed(check(baselineWith("nbf", now(0))), "u1", "a", "b");
	}

	/** Matrix case 35 (I: {@code iat} not validated). */
	@Test
	void checkWhenIssuedInTheFutureThenAllows() {
		assertAllowed(check(baselineWith("iat", now(120))), "u1", "a", "b");
	}

	/** Matrix case 36 (U: the emulator rejects mistyped claims). */
	@Test
	void checkWhenIatIsStringThenRejects() {
		assertInvalid(check(baselineWith("iat", "1700000000")), "invalid-claim-type");
	}

	// Issuer

	/** Matrix case 37. */
	@Test
	void checkWhenOtherIssuerThenRejectsIssuerNotAllowed() {
		Decision decision = check(baselineWith("iss", "https://evil.example.com"));
		assertInvalid(decision, "issuer-mismatch");
		assertThat(decision.detail()).startsWith("TokenIssuerNotAllowed");
	}

	/** Matrix case 38 (I: exact). */
	@Test
	void checkWhenIssuerHasTrailingSlashThenRejects() {
		assertInvalid(check(baselineWith("iss", TestJwts.ISSUER + "/")), "issuer-mismatch");
	}

	/** Matrix case 39. */
	@Test
	void checkWhenNoIssuerThenRejects() {
		assertInvalid(check(baselineWithout("iss")), "issuer-mismatch");
	}

	// Audience

	/** Matrix case 40 (I: any-of). */
	@Test
	void checkWhenAudienceArrayContainsConfiguredAudienceThenAllows() {
		assertAllowed(check(baselineWith("aud", List.of("other", "orders-api"))), "u1", "a", "b");
	}

	/** Matrix case 41. */
	@Test
	void checkWhenAudienceDoesNotMatchThenRejectsAudienceNotAllowed() {
		Decision decision = check(baselineWith("aud", "other"));
		assertInvalid(decision, "audience-mismatch");
		assertThat(decision.detail()).startsWith("TokenAudienceNotAllowed");
	}

	/** Matrix case 42 (I: {@code client_id} not consulted). */
	@Test
	void checkWhenNoAudienceAndClientIdMatchesThenRejects() {
		assertInvalid(check(TestJwts.baseline().withoutClaim("aud").claim("client_id", "orders-api").build()),
				"audience-mismatch");
	}

	/** Matrix case 43 (I). */
	@Test
	void checkWhenAudienceWrongAndClientIdMatchesThenRejects() {
		assertInvalid(check(TestJwts.baseline().claim("aud", "other").claim("client_id", "orders-api").build()),
				"audience-mismatch");
	}

	/** Matrix case 44 (I says accepted; the Javadoc chooses strict: rejected). */
	@Test
	void checkWhenAudienceHasTrailingSlashThenRejects() {
		assertInvalid(check(baselineWith("aud", "orders-api/")), "audience-mismatch");
	}

	/** Matrix case 45 (I: no scheme normalisation). */
	@Test
	void checkWhenAudienceSchemeDiffersThenRejects() {
		SecurityDefinition definition = SecurityDefinition.jwt("idp")
			.issuer(TestJwts.ISSUER)
			.audiences("https://api.example.com");
		assertInvalid(check(bearer(baselineWith("aud", "http://api.example.com")), route(definition), baselineKeys()),
				"audience-mismatch");
	}

	/** Matrix case 47 (U: the emulator rejects mistyped claims). */
	@Test
	void checkWhenAudienceIsNumberThenRejects() {
		assertInvalid(check(baselineWith("aud", 123)), "invalid-claim-type");
	}

	/** Matrix case 48. */
	@Test
	void checkWhenAudienceWrongAndSignatureBadThenRejectsWith401() {
		String token = baselineWith("aud", "other");
		String bad = TestJwts.replaceSegment(token, 2, TestJwts.segments(TestJwts.baseline().build()).get(2));
		assertThat(check(bad).status()).isEqualTo(401);
		assertThat(check(bad).body()).isEqualTo(INVALID);
	}

	// Scopes (the policy's scope check: any-of, 403)

	/** Matrix case 49. */
	@Test
	void checkWhenRouteNeedsScopeTheTokenCarriesThenAllows() {
		assertAllowed(check(bearer(TestJwts.baseline().build()), route("b"), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 50: the deployed policy's scope check answers 403 (not validate-jwt's 401). */
	@Test
	void checkWhenRouteNeedsScopeTheTokenLacksThenRejectsWith403() {
		assertForbidden(check(bearer(TestJwts.baseline().build()), route("c"), baselineKeys()));
	}

	/** Matrix case 51: any-of. */
	@Test
	void checkWhenRouteNeedsAnyOfTwoScopesAndTokenCarriesOneThenAllows() {
		assertAllowed(check(bearer(baselineWith("scope", "b")), route("b", "c"), baselineKeys()), "u1", "b");
	}

	/** Matrix case 52. */
	@Test
	void checkWhenScpIsArrayThenAllows() {
		String token = TestJwts.baseline().withoutClaim("scope").claim("scp", List.of("a", "b")).build();
		assertAllowed(check(bearer(token), route("b"), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 53. */
	@Test
	void checkWhenScpIsSpaceDelimitedStringThenAllows() {
		String token = TestJwts.baseline().withoutClaim("scope").claim("scp", "a b").build();
		assertAllowed(check(bearer(token), route("b"), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 54. */
	@Test
	void checkWhenNoScopeClaimAndRouteNeedsScopeThenRejectsWith403() {
		assertForbidden(check(bearer(baselineWithout("scope")), route("b"), baselineKeys()));
	}

	/** Matrix case 55. */
	@Test
	void checkWhenIdTokenForConfiguredClientOnRouteWithoutScopesThenAllows() {
		SecurityDefinition definition = SecurityDefinition.jwt("idp").issuer(TestJwts.ISSUER).audiences("client-123");
		String token = TestJwts.baseline()
			.claim("aud", "client-123")
			.claim("azp", "client-123")
			.claim("nonce", "n-0S6_WzA2Mj")
			.withoutClaim("scope")
			.build();
		assertAllowed(check(bearer(token), route(definition), baselineKeys()), "u1");
	}

	// Alternatives

	/** Two requirements on one route: a token meeting either passes. */
	@Test
	void checkWhenRouteHasTwoRequirementsThenTokenMeetingEitherIsAllowed() {
		RoutePolicy route = route(List.of(SecurityRequirement.of("partners", "x"), SecurityRequirement.of("idp", "b")),
				OTHER_IDP, IDP);
		assertAllowed(check(bearer(TestJwts.baseline().build()), route, baselineKeys()), "u1", "a", "b");
		String partnerToken = TestJwts.baseline().claim("iss", OTHER_IDP.issuer()).claim("scope", "x").build();
		Decision partner = check(bearer(partnerToken), route, baselineKeys());
		assertAllowed(partner, "u1", "x");
		assertThat(partner.token().definition()).isEqualTo("partners");
	}

	/** Two requirements of the same definition with different scopes: any-of across them. */
	@Test
	void checkWhenSameDefinitionRequiredWithDifferentScopesThenEitherScopePasses() {
		RoutePolicy route = route(List.of(SecurityRequirement.of("idp", "b"), SecurityRequirement.of("idp", "c")), IDP);
		assertAllowed(check(bearer(baselineWith("scope", "c")), route, baselineKeys()), "u1", "c");
	}

	// Bad input

	/** Bad input: {@code jku}, {@code x5u} and {@code jwk} headers naming an attacker's key are never followed. */
	@Test
	void checkWhenHeaderPointsAtAttackerKeyThenRejectsAndOnlyAsksTheResolver() {
		String attackerJwk = TestKeys.attacker().jwk();
		for (String token : List.of(
				TestJwts.baseline().signedWith(TestKeys.attacker()).header("jku", "https://evil.example/jwks").build(),
				TestJwts.baseline().signedWith(TestKeys.attacker()).header("x5u", "https://evil.example/cert").build(),
				TestJwts.baseline()
					.key(TestKeys.attacker())
					.header("jwk", dev.nitric.spring.json.Json.parse(attackerJwk))
					.build(),
				TestJwts.baseline()
					.key(TestKeys.attacker())
					.withoutHeader("kid")
					.header("jwk", dev.nitric.spring.json.Json.parse(attackerJwk))
					.build())) {
			StaticKeyResolver keys = baselineKeys();
			Decision decision = check(bearer(token), route(), keys);
			assertThat(decision.allowed()).isFalse();
			assertThat(decision.status()).isEqualTo(401);
			assertThat(decision.reason()).isIn("unknown-kid", "bad-signature");
			assertThat(keys.calls()).allSatisfy((call) -> assertThat(call.definition()).isEqualTo(IDP));
			assertThat(keys.unknownKidCalls()).allSatisfy(
					(call) -> assertThat(call.policy()).isSameAs(AzureApiManagementGateway.JWKS_POLICY));
		}
	}

	/** Bad input: a {@code crit} header (U: the emulator rejects). */
	@Test
	void checkWhenCritHeaderThenRejects() {
		assertInvalid(check(TestJwts.baseline().header("crit", List.of("exp")).build()), "crit-header");
	}

	/** Bad input: a JWE-shaped token of five segments. */
	@Test
	void checkWhenFiveSegmentJweThenRejects() {
		String jwe = TestJwts.compact(TestJwts.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}"), "a", "b", "c", "d");
		assertInvalid(check(jwe), "malformed-token");
	}

	/** Bad input: wrong claim and header types. */
	@Test
	void checkWhenClaimsHaveWrongTypesThenRejects() {
		assertInvalid(check(baselineWith("iss", 42)), "invalid-claim-type");
		assertInvalid(check(baselineWith("exp", "tomorrow")), "invalid-claim-type");
		assertInvalid(check(baselineWith("sub", List.of("u1"))), "invalid-claim-type");
		assertInvalid(check(TestJwts.baseline().header("kid", 1).build()), "malformed-token");
	}

	/** Bad input: deeply nested JSON yields a decision, not an exception (Azure has no header limit). */
	@Test
	void checkWhenPayloadDeeplyNestedThenRejects() {
		assertInvalid(check(TestJwts.baseline().rawPayload(ConformanceFixtures.deeplyNestedPayload()).build()),
				"malformed-token");
	}

	/** Bad input: an {@code Authorization} of only the scheme. */
	@Test
	void checkWhenAuthorizationHasOnlySchemeThenRejects() {
		assertThat(check(authorization("Bearer "), route(), baselineKeys()).status()).isEqualTo(401);
		assertThat(check(authorization("Bearer"), route(), baselineKeys()).status()).isEqualTo(401);
	}

}
