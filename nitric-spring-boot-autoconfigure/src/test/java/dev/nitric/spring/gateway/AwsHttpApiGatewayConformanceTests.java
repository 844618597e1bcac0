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
 * Conformance of {@link AwsHttpApiGateway} with the matrix of {@code gateways.md} §5 (AWS column): documented (D)
 * and observed (O) cells as the cloud answers, undocumented (U/I) cells as the class's Javadoc chooses (strict).
 */
class AwsHttpApiGatewayConformanceTests {

	private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

	private static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";

	private final AwsHttpApiGateway gateway = new AwsHttpApiGateway();

	private final AwsHttpApiGateway cached = new AwsHttpApiGateway(VerifiedTokenCache.withCapacity(16));

	private Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys) {
		return CacheEquivalence.check(this.gateway, this.cached, request, route, keys, TestJwts.NOW);
	}

	private Decision check(String token) {
		return check(bearer(token), route(), baselineKeys());
	}

	private static void assertAllowed(Decision decision, String sub, String... scopes) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.AWS);
		assertThat(decision.allowed()).as(decision.detail()).isTrue();
		assertThat(decision.status()).isZero();
		assertThat(decision.reason()).isEqualTo("valid-token");
		assertThat(decision.token()).isNotNull();
		assertThat(decision.token().getName()).isEqualTo(sub);
		assertThat(decision.token().scopes()).containsExactly(scopes);
		assertThat(decision.token().definition()).isEqualTo("idp");
	}

	private static void assertUnauthorized(Decision decision, String reason, String description) {
		assertUnauthorized(decision, reason, "", description);
	}

	private static void assertUnauthorized(Decision decision, String reason, String routeScopes, String description) {
		assertThat(decision.cloud()).isEqualTo(TargetCloud.AWS);
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(401);
		assertThat(decision.contentType()).isEqualTo("application/json");
		assertThat(decision.body()).isEqualTo(UNAUTHORIZED);
		assertThat(decision.reason()).isEqualTo(reason);
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer scope=\"" + routeScopes
				+ "\" error=\"invalid_token\" error_description=\"" + description + "\"");
		assertThat(decision.headers()).containsKey("apigw-requestid");
		assertThat(decision.token()).isNull();
	}

	private static void assertMissing(Decision decision) {
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(401);
		assertThat(decision.body()).isEqualTo(UNAUTHORIZED);
		assertThat(decision.reason()).isEqualTo("missing-token");
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer");
	}

	private static void assertForbidden(Decision decision, String expectedScopes) {
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(403);
		assertThat(decision.contentType()).isEqualTo("application/json");
		assertThat(decision.body()).isEqualTo(FORBIDDEN);
		assertThat(decision.body().getBytes()).hasSize(23);
		assertThat(decision.reason()).isEqualTo("insufficient-scope");
		assertThat(decision.headers()).containsEntry("WWW-Authenticate", "Bearer scope=\"" + expectedScopes
				+ "\" error=\"insufficient_scope\" error_description=\"expected scopes: [" + expectedScopes + "]\"");
	}

	// Token location and syntax

	/** Matrix case 1. */
	@Test
	void checkWhenNoTokenThenRejectsWith401AndBareBearerChallenge() {
		assertMissing(check(noToken(), route(), baselineKeys()));
	}

	/** Matrix case 2. */
	@Test
	void checkWhenBaselineTokenThenAllowsWithSubjectAndScopes() {
		String token = TestJwts.baseline().build();
		Decision decision = check(token);
		assertAllowed(decision, "u1", "a", "b");
		assertThat(decision.token().tokenValue()).isEqualTo(token);
		assertThat(decision.token().claims()).containsEntry("iss", TestJwts.ISSUER);
		assertThat(decision.token().headers()).containsEntry("kid", "k1");
	}

	/** Matrix case 3. */
	@Test
	void checkWhenTokenWithoutSchemeThenAllows() {
		assertAllowed(check(authorization(TestJwts.baseline().build()), route(), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 4 (U: the emulator rejects). */
	@Test
	void checkWhenLowerCaseBearerThenRejectsAsBadScheme() {
		Decision decision = check(authorization("bearer " + TestJwts.baseline().build()), route(), baselineKeys());
		assertUnauthorized(decision, "bad-scheme", "token contains an invalid number of segments");
		assertThat(decision.detail()).contains("undocumented");
	}

	/** Matrix case 5 (U: the emulator rejects). */
	@Test
	void checkWhenTwoSpacesAfterBearerThenRejectsAsBadScheme() {
		Decision decision = check(authorization("Bearer  " + TestJwts.baseline().build()), route(), baselineKeys());
		assertUnauthorized(decision, "bad-scheme", "token contains an invalid number of segments");
	}

	/** Matrix case 6. */
	@Test
	void checkWhenTokenOnlyInAccessTokenQueryThenRejectsAsMissing() {
		assertMissing(check(request("access_token=" + TestJwts.baseline().build(), Map.of()), route(), baselineKeys()));
	}

	/** Matrix case 7. */
	@Test
	void checkWhenTokenOnlyInIapHeaderThenRejectsAsMissing() {
		assertMissing(check(request(null, Map.of("X-Goog-Iap-Jwt-Assertion", List.of(TestJwts.baseline().build()))),
				route(), baselineKeys()));
	}

	/** Matrix case 8. */
	@Test
	void checkWhenTokenOnlyInCookieThenRejectsAsMissing() {
		assertMissing(check(request(null, Map.of("Cookie", List.of("access_token=" + TestJwts.baseline().build()))),
				route(), baselineKeys()));
	}

	/** Matrix case 9 (I: the query is not the identity source). */
	@Test
	void checkWhenValidHeaderTokenAndInvalidQueryTokenThenAllows() {
		GatewayRequest request = request("access_token=garbage",
				Map.of("Authorization", List.of("Bearer " + TestJwts.baseline().build())));
		assertAllowed(check(request, route(), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 10; bad input: several {@code Authorization} headers. */
	@Test
	void checkWhenTwoAuthorizationHeadersThenRejectsAsMultipleTokens() {
		String valid = TestJwts.baseline().build();
		Decision decision = check(authorization("Bearer " + valid, "Bearer x.y.z"), route(), baselineKeys());
		assertUnauthorized(decision, "multiple-tokens", "token contains an invalid number of segments");
		Decision twice = check(authorization("Bearer " + valid, "Bearer " + valid), route(), baselineKeys());
		assertThat(twice.allowed()).isFalse();
		assertThat(twice.reason()).isEqualTo("multiple-tokens");
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
		Decision decision = check(authorization("Bearer garbage"), publicRoute(), baselineKeys());
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reason()).isEqualTo("public-route");
	}

	// Algorithms and keys

	/** Matrix case 13, bad input: {@code alg: none} with an empty signature. */
	@Test
	void checkWhenAlgNoneWithEmptySignatureThenRejectsAsMalformed() {
		String token = TestJwts.baseline().header("alg", "none").withoutHeader("kid").buildWithSignature("");
		Decision decision = check(token);
		assertUnauthorized(decision, "malformed-token", "token is malformed");
		assertThat(decision.detail()).isEqualTo(JwtProblem.BAD_FORMAT.message());
	}

	/** Matrix case 13, bad input: {@code alg: none} with a dummy signature. */
	@Test
	void checkWhenAlgNoneWithSignatureThenRejectsAsUnsupportedAlg() {
		String token = TestJwts.baseline().header("alg", "none").buildWithSignature("c2ln");
		assertUnauthorized(check(token), "unsupported-alg", "token is malformed");
	}

	/** Matrix case 14, bad input: HS256 signed with the RSA public key's bytes (algorithm confusion). */
	@Test
	void checkWhenHs256SignedWithRsaPublicKeyBytesThenRejectsAsUnsupportedAlg() {
		TestKeys.TestKey confused = TestKeys.hmac("k1", TestKeys.k1().verificationKey().getEncoded());
		String token = TestJwts.baseline().signedWith(confused).build();
		StaticKeyResolver keys = baselineKeys();
		Decision decision = check(bearer(token), route(), keys);
		assertUnauthorized(decision, "unsupported-alg", "signing method HS256 is invalid");
		assertThat(keys.calls()).isEmpty();
	}

	/** Matrix case 15. */
	@Test
	void checkWhenHs256WithSharedSecretPublishedAsOctKeyThenRejects() {
		String token = TestJwts.baseline().signedWith(TestKeys.hmac()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.hmac()));
		assertUnauthorized(decision, "unsupported-alg", "signing method HS256 is invalid");
	}

	/** Matrix case 16. */
	@Test
	void checkWhenEs256ThenRejectsAsUnsupportedAlg() {
		String token = TestJwts.baseline().signedWith(TestKeys.ec256()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.ec256()));
		assertUnauthorized(decision, "unsupported-alg", "signing method ES256 is invalid");
	}

	/** Matrix case 16 variant: EdDSA is not RSA-based either. */
	@Test
	void checkWhenEdDsaThenRejectsAsUnsupportedAlg() {
		String token = TestJwts.baseline().signedWith(TestKeys.ed25519()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.ed25519()));
		assertUnauthorized(decision, "unsupported-alg", "signing method EdDSA is invalid");
	}

	/** Matrix case 17 (I: RSA-based), the JWK published for RS512. */
	@Test
	void checkWhenRs512AndJwkForRs512ThenAllows() {
		String token = TestJwts.baseline().header("alg", "RS512").build();
		assertAllowed(check(bearer(token), route(), keys(TestKeys.k1().jwk("k1", "RS512"))), "u1", "a", "b");
	}

	/** Matrix case 17 variant: RS384 against a JWK without {@code alg}. */
	@Test
	void checkWhenRs384AndJwkWithoutAlgThenAllows() {
		String token = TestJwts.baseline().header("alg", "RS384").build();
		assertAllowed(check(bearer(token), route(), keys(TestKeys.k1().jwk(false, true))), "u1", "a", "b");
	}

	/** Matrix case 17 variant (U: the emulator rejects a JWK whose {@code alg} differs from the token's). */
	@Test
	void checkWhenRs512AndJwkForRs256ThenRejectsAsKeyMismatch() {
		String token = TestJwts.baseline().header("alg", "RS512").build();
		assertUnauthorized(check(token), "key-mismatch", "signature is invalid");
	}

	/** Matrix case 18 (U: the emulator rejects). */
	@Test
	void checkWhenPs256ThenRejectsAsUndocumentedAlg() {
		String token = TestJwts.baseline().header("alg", "PS256").build();
		Decision decision = check(bearer(token), route(), keys(TestKeys.k1().jwk("k1", "PS256")));
		assertUnauthorized(decision, "unsupported-alg", "signing method PS256 is invalid");
		assertThat(decision.detail()).contains("does not document PS*");
	}

	/** Matrix case 20 (I: no EC support). */
	@Test
	void checkWhenHeaderSaysRs256ButSignatureIsEs256WithEcKeyThenRejectsAsKeyMismatch() {
		String token = TestJwts.baseline()
			.key(TestKeys.ec256())
			.signingAlgorithm("ES256")
			.header("alg", "RS256")
			.header("kid", "k1")
			.build();
		Decision decision = check(bearer(token), route(), keys(TestKeys.ec256().jwk("k1", null)));
		assertUnauthorized(decision, "key-mismatch", "signature is invalid");
	}

	/** Matrix case 21; bad input: missing {@code kid}. */
	@Test
	void checkWhenNoKidThenRejectsAsMissingKid() {
		String token = TestJwts.baseline().withoutHeader("kid").build();
		StaticKeyResolver keys = baselineKeys();
		assertUnauthorized(check(bearer(token), route(), keys), "missing-kid", "token has no kid header");
		assertThat(keys.calls()).isEmpty();
	}

	/** Matrix case 22; bad input: unknown {@code kid}. AWS never refetches on an unknown {@code kid}. */
	@Test
	void checkWhenKidNotInCachedKeysThenRejectsWithoutRefetch() {
		String token = TestJwts.baseline().signedWith(TestKeys.k2()).build();
		StaticKeyResolver keys = baselineKeys();
		keys.setResultAfterUnknownKid(new JwksResult.Keys(TestKeys.set(TestKeys.k1(), TestKeys.k2())));
		Decision decision = check(bearer(token), route(), keys);
		assertUnauthorized(decision, "unknown-kid", "kid not found in the issuer's keys");
		assertThat(keys.unknownKidCalls()).isEmpty();
		assertThat(keys.calls()).hasSize(1);
	}

	/** Matrix case 22: once the cache holds the new key, the token passes. */
	@Test
	void checkWhenKidOfKeyInCacheThenAllows() {
		String token = TestJwts.baseline().signedWith(TestKeys.k2()).build();
		assertAllowed(check(bearer(token), route(), StaticKeyResolver.of(TestKeys.k1(), TestKeys.k2())), "u1", "a",
				"b");
	}

	/** Matrix case 23. */
	@Test
	void checkWhenPayloadTamperedThenRejectsAsBadSignature() {
		String token = TestJwts.baseline().build();
		String tampered = TestJwts.replaceSegment(token, 1,
				TestJwts.encode(TestJwts.baseline().claim("sub", "admin").payloadJson()));
		assertUnauthorized(check(tampered), "bad-signature", "signature is invalid");
	}

	/** Matrix case 24. */
	@Test
	void checkWhenJwksUnavailableThenRejectsAsJwksUnavailable() {
		Decision decision = check(bearer(TestJwts.baseline().build()), route(),
				StaticKeyResolver.unavailable("connection refused"));
		assertUnauthorized(decision, "jwks-unavailable", "unable to fetch the issuer's keys");
		assertThat(decision.detail()).contains("connection refused");
	}

	// Format

	/** Matrix case 25. */
	@Test
	void checkWhenTwoSegmentsThenRejectsAsMalformed() {
		String token = TestJwts.baseline().build();
		String twoSegments = token.substring(0, token.lastIndexOf('.'));
		assertUnauthorized(check(twoSegments), "malformed-token", "token is malformed");
	}

	/** Matrix case 26; bad input: malformed base64. */
	@Test
	void checkWhenHeaderNotBase64UrlThenRejectsAsMalformed() {
		String token = TestJwts.baseline().build();
		Decision decision = check(TestJwts.replaceSegment(token, 0, "eyJhb"));
		assertUnauthorized(decision, "malformed-token", "token is malformed");
		assertThat(decision.detail()).isEqualTo(JwtProblem.HEADER_BAD_BASE64.message());
		assertThat(check(TestJwts.replaceSegment(token, 0, "ey*J")).reason()).isEqualTo("malformed-token");
	}

	/** Matrix case 27; bad input: non-JSON. */
	@Test
	void checkWhenPayloadNotJsonThenRejectsAsMalformed() {
		Decision decision = check(TestJwts.baseline().rawPayload("not json").build());
		assertUnauthorized(decision, "malformed-token", "token is malformed");
		assertThat(decision.detail()).isEqualTo(JwtProblem.PAYLOAD_BAD_JSON.message());
	}

	/** Matrix case 28 (U: the emulator rejects); bad input: duplicate claim names. */
	@Test
	void checkWhenDuplicateClaimThenRejectsAsMalformed() {
		String payload = "{\"iss\":\"https://idp.example.com\",\"aud\":\"x\",\"aud\":\"orders-api\",\"sub\":\"u1\",\"iat\":"
				+ now(-10) + ",\"exp\":" + now(600) + "}";
		Decision decision = check(TestJwts.baseline().rawPayload(payload).build());
		assertUnauthorized(decision, "malformed-token", "token is malformed");
		assertThat(decision.detail()).isEqualTo(JwtProblem.PAYLOAD_BAD_JSON.message());
	}

	/** Matrix case 29 (status U: the emulator answers 431); bad input: a 20 KB token. */
	@Test
	void checkWhenTokenIs20KbThenRejectsHeadersTooLarge() {
		String token = ConformanceFixtures.token20Kb();
		assertThat(token.length()).isBetween(20_000, 21_000);
		Decision decision = check(token);
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(431);
		assertThat(decision.reason()).isEqualTo("headers-too-large");
		assertThat(decision.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
		assertThat(decision.detail()).contains("10240");
	}

	/** Matrix case 29: the quota applies to public routes as well. */
	@Test
	void checkWhenPublicRouteAndHeadersOverQuotaThenRejectsHeadersTooLarge() {
		Decision decision = check(authorization("x".repeat(AwsHttpApiGateway.MAX_HEADER_BYTES)), publicRoute(),
				baselineKeys());
		assertThat(decision.status()).isEqualTo(431);
	}

	// Time claims

	/** Matrix case 30. */
	@Test
	void checkWhenExpired30SecondsAgoThenRejectsWithoutLeeway() {
		assertUnauthorized(check(baselineWith("exp", now(-30))), "expired", "token is expired");
	}

	/** Matrix case 30 boundary: {@code exp} must be after now. */
	@Test
	void checkWhenExpIsNowThenRejects() {
		assertUnauthorized(check(baselineWith("exp", now(0))), "expired", "token is expired");
		assertAllowed(check(baselineWith("exp", now(1))), "u1", "a", "b");
	}

	/** Matrix case 31. */
	@Test
	void checkWhenExpired120SecondsAgoThenRejects() {
		assertUnauthorized(check(baselineWith("exp", now(-120))), "expired", "token is expired");
	}

	/** Matrix case 32 (U: the emulator rejects). */
	@Test
	void checkWhenNoExpThenRejectsAsMissingExp() {
		Decision decision = check(baselineWithout("exp"));
		assertUnauthorized(decision, "missing-exp", "token has no exp claim");
		assertThat(decision.detail()).contains("does not document");
	}

	/** Matrix case 33. */
	@Test
	void checkWhenNotBefore30SecondsFromNowThenRejects() {
		assertUnauthorized(check(baselineWith("nbf", now(30))), "not-yet-valid", "token is not valid yet");
	}

	/** Matrix case 34. */
	@Test
	void checkWhenNotBefore120SecondsFromNowThenRejects() {
		assertUnauthorized(check(baselineWith("nbf", now(120))), "not-yet-valid", "token is not valid yet");
	}

	/** Matrix case 33 boundary: {@code nbf} equal to now is before-or-at now. */
	@Test
	void checkWhenNotBeforeIsNowThenAllows() {
		assertAllowed(check(baselineWith("nbf", now(0))), "u1", "a", "b");
	}

	/** Matrix case 35. */
	@Test
	void checkWhenIssuedInTheFutureThenRejects() {
		assertUnauthorized(check(baselineWith("iat", now(120))), "issued-in-future", "token used before issued");
	}

	/** Matrix case 35 variant (U: the emulator rejects a token without {@code iat}). */
	@Test
	void checkWhenNoIatThenRejectsAsMissingIat() {
		assertUnauthorized(check(baselineWithout("iat")), "missing-iat", "token has no iat claim");
	}

	/** Matrix case 36 (U: the emulator rejects); bad input: wrong claim type. */
	@Test
	void checkWhenIatIsStringThenRejectsAsInvalidClaimType() {
		Decision decision = check(baselineWith("iat", "1700000000"));
		assertUnauthorized(decision, "invalid-claim-type", "token is malformed");
		assertThat(decision.detail()).isEqualTo("Jwt payload [iat] field is not an integer");
	}

	// Issuer

	/** Matrix case 37. */
	@Test
	void checkWhenOtherIssuerThenRejectsIssuerDoesNotMatch() {
		assertUnauthorized(check(baselineWith("iss", "https://evil.example.com")), "issuer-mismatch",
				"issuer does not match");
	}

	/** Matrix case 38. */
	@Test
	void checkWhenIssuerHasTrailingSlashThenRejects() {
		assertUnauthorized(check(baselineWith("iss", TestJwts.ISSUER + "/")), "issuer-mismatch",
				"issuer does not match");
	}

	/** Matrix case 39. */
	@Test
	void checkWhenNoIssuerThenRejects() {
		assertUnauthorized(check(baselineWithout("iss")), "issuer-mismatch", "issuer does not match");
	}

	// Audience

	/** Matrix case 40 (I: any-of). */
	@Test
	void checkWhenAudienceArrayContainsConfiguredAudienceThenAllows() {
		assertAllowed(check(baselineWith("aud", List.of("other", "orders-api"))), "u1", "a", "b");
	}

	/** Matrix case 41. */
	@Test
	void checkWhenAudienceDoesNotMatchThenRejectsWithInvalidAudienceDescription() {
		assertUnauthorized(check(baselineWith("aud", "other")), "audience-mismatch",
				"the token does not have a valid audience");
	}

	/** Matrix case 42: {@code client_id} counts only when {@code aud} is absent. */
	@Test
	void checkWhenNoAudienceAndClientIdMatchesThenAllows() {
		String token = TestJwts.baseline().withoutClaim("aud").claim("client_id", "orders-api").build();
		assertAllowed(check(token), "u1", "a", "b");
	}

	/** Matrix case 42 variant: neither {@code aud} nor a matching {@code client_id}. */
	@Test
	void checkWhenNoAudienceAndNoClientIdThenRejects() {
		assertUnauthorized(check(baselineWithout("aud")), "audience-mismatch",
				"the token does not have a valid audience");
	}

	/** Matrix case 43. */
	@Test
	void checkWhenAudienceWrongAndClientIdMatchesThenRejectsBecauseAudienceWins() {
		String token = TestJwts.baseline().claim("aud", "other").claim("client_id", "orders-api").build();
		assertUnauthorized(check(token), "audience-mismatch", "the token does not have a valid audience");
	}

	/** Matrix case 44 (U: exact). */
	@Test
	void checkWhenAudienceHasTrailingSlashThenRejects() {
		assertUnauthorized(check(baselineWith("aud", "orders-api/")), "audience-mismatch",
				"the token does not have a valid audience");
	}

	/** Matrix case 45 (U: exact). */
	@Test
	void checkWhenAudienceSchemeDiffersThenRejects() {
		SecurityDefinition definition = SecurityDefinition.jwt("idp")
			.issuer(TestJwts.ISSUER)
			.audiences("https://api.example.com");
		Decision decision = check(bearer(baselineWith("aud", "http://api.example.com")), route(definition),
				baselineKeys());
		assertUnauthorized(decision, "audience-mismatch", "the token does not have a valid audience");
	}

	/** Matrix case 47 (U: the emulator rejects). */
	@Test
	void checkWhenAudienceIsNumberThenRejectsAsInvalidClaimType() {
		Decision decision = check(baselineWith("aud", 123));
		assertUnauthorized(decision, "invalid-claim-type", "token is malformed");
		assertThat(decision.detail()).isEqualTo("Jwt payload [aud] field is not a string or string list");
	}

	/** Matrix case 48. */
	@Test
	void checkWhenAudienceWrongAndSignatureBadThenRejectsWith401() {
		String token = baselineWith("aud", "other");
		String bad = TestJwts.replaceSegment(token, 2, TestJwts.segments(TestJwts.baseline().build()).get(2));
		Decision decision = check(bad);
		assertThat(decision.status()).isEqualTo(401);
		assertThat(decision.body()).isEqualTo(UNAUTHORIZED);
	}

	// Scopes

	/** Matrix case 49. */
	@Test
	void checkWhenRouteNeedsScopeTheTokenCarriesThenAllows() {
		assertAllowed(check(bearer(TestJwts.baseline().build()), route("b"), baselineKeys()), "u1", "a", "b");
	}

	/** Matrix case 50. */
	@Test
	void checkWhenRouteNeedsScopeTheTokenLacksThenRejectsWith403Forbidden() {
		assertForbidden(check(bearer(TestJwts.baseline().build()), route("c"), baselineKeys()), "c");
	}

	/** Matrix case 50 variant: the challenge lists every route scope. */
	@Test
	void checkWhenRouteNeedsSeveralScopesTheTokenLacksThenChallengeListsThem() {
		assertForbidden(check(bearer(TestJwts.baseline().build()), route("c", "d"), baselineKeys()), "c d");
	}

	/** Matrix case 51. */
	@Test
	void checkWhenRouteNeedsAnyOfTwoScopesAndTokenCarriesOneThenAllows() {
		assertAllowed(check(bearer(baselineWith("scope", "b")), route("b", "c"), baselineKeys()), "u1", "b");
	}

	/** Matrix case 52 (U: the emulator reads only strings). */
	@Test
	void checkWhenScpIsArrayThenRejectsWith403() {
		String token = TestJwts.baseline().withoutClaim("scope").claim("scp", List.of("a", "b")).build();
		assertForbidden(check(bearer(token), route("b"), baselineKeys()), "b");
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
		assertForbidden(check(bearer(baselineWithout("scope")), route("b"), baselineKeys()), "b");
	}

	/** Matrix case 55. */
	@Test
	void checkWhenIdTokenForConfiguredClientOnRouteWithoutScopesThenAllows() {
		SecurityDefinition definition = SecurityDefinition.jwt("idp").issuer(TestJwts.ISSUER).audiences("client-123");
		String token = TestJwts.baseline()
			.claim("aud", "client-123")
			.claim("azp", "client-123")
			.claim("nonce", "n-0S6_WzA2Mj")
			.claim("email", "u1@example.com")
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
		assertThat(partner.allowed()).isTrue();
		assertThat(partner.token().definition()).isEqualTo("partners");
		Decision neither = check(bearer(baselineWith("scope", "z")), route, baselineKeys());
		assertThat(neither.allowed()).isFalse();
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
					.build())) {
			StaticKeyResolver keys = baselineKeys();
			Decision decision = check(bearer(token), route(), keys);
			assertThat(decision.allowed()).isFalse();
			assertThat(decision.status()).isEqualTo(401);
			assertThat(decision.reason()).isIn("unknown-kid", "bad-signature");
			assertThat(keys.calls()).allSatisfy((call) -> {
				assertThat(call.method()).isEqualTo(StaticKeyResolver.Call.KEYS);
				assertThat(call.definition()).isEqualTo(IDP);
			});
		}
	}

	/** Bad input: a {@code crit} header (U: the emulator rejects). */
	@Test
	void checkWhenCritHeaderThenRejects() {
		String token = TestJwts.baseline().header("crit", List.of("exp")).build();
		assertUnauthorized(check(token), "crit-header", "token has a crit header");
	}

	/** Bad input: a JWE-shaped token of five segments. */
	@Test
	void checkWhenFiveSegmentJweThenRejectsAsMalformed() {
		String jwe = TestJwts.compact(TestJwts.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}"), "a", "b", "c", "d");
		assertUnauthorized(check(jwe), "malformed-token", "token is malformed");
	}

	/** Bad input: a header that is not a JSON object. */
	@Test
	void checkWhenHeaderIsJsonArrayThenRejectsAsMalformed() {
		assertUnauthorized(check(TestJwts.baseline().rawHeader("[\"RS256\"]").build()), "malformed-token",
				"token is malformed");
	}

	/** Bad input: wrong claim types ({@code iss} a number, {@code exp} negative, {@code kid} a number). */
	@Test
	void checkWhenClaimsHaveWrongTypesThenRejectsAsInvalidClaimType() {
		assertUnauthorized(check(baselineWith("iss", 42)), "invalid-claim-type", "token is malformed");
		assertUnauthorized(check(baselineWith("exp", -1)), "invalid-claim-type", "token is malformed");
		assertUnauthorized(check(baselineWith("sub", List.of("u1"))), "invalid-claim-type", "token is malformed");
		assertUnauthorized(check(TestJwts.baseline().header("kid", 1).build()), "malformed-token",
				"token is malformed");
	}

	/** Bad input: deeply nested JSON yields a decision, not an exception. */
	@Test
	void checkWhenPayloadDeeplyNestedThenRejects() {
		Decision decision = check(TestJwts.baseline().rawPayload(ConformanceFixtures.deeplyNestedPayload()).build());
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isIn(401, 431);
	}

	/** Bad input: an empty {@code Authorization} header and a lone {@code Bearer}. */
	@Test
	void checkWhenAuthorizationEmptyOrSchemeOnlyThenRejects() {
		assertThat(check(authorization(""), route(), baselineKeys()).status()).isEqualTo(401);
		assertThat(check(authorization("Bearer"), route(), baselineKeys()).status()).isEqualTo(401);
		assertThat(check(authorization("Bearer "), route(), baselineKeys()).status()).isEqualTo(401);
	}

	/** Matrix case 19 (U: AWS documents no minimum RSA size; the emulator is strict). */
	@Test
	void checkWhenRs256With1024BitKeyThenRejectsAsUndocumented() {
		String token = TestJwts.baseline().signedWith(TestKeys.rsa1024()).build();
		Decision decision = check(bearer(token), route(), StaticKeyResolver.of(TestKeys.rsa1024()));
		assertUnauthorized(decision, "weak-key", "signature is invalid");
		assertThat(decision.detail()).contains("1024 bits").contains("does not document");
	}

}
