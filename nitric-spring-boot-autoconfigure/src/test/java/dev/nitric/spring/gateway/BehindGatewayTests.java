package dev.nitric.spring.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BehindGateway}: the caller is found where each cloud's gateway puts it, the signature is not
 * checked again, GCP's scopes are enforced, public routes never read identity headers, and anything the gateway would
 * not have sent fails closed with a 401 problem.
 */
class BehindGatewayTests {

	private static final String PROBLEM = "{\"type\":\"https://nitric.dev/spring/problems/not-through-gateway\","
			+ "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The request did not come through the API gateway: "
			+ "it carries no caller identity that the gateway vouches for.\"}";

	private static final String TOKEN = TestJwts.baseline().claim("sub", "alice").build();

	private final BehindGateway aws = BehindGateway.of(TargetCloud.AWS);

	private final BehindGateway gcp = BehindGateway.of(TargetCloud.GCP);

	private final BehindGateway azure = BehindGateway.of(TargetCloud.AZURE);

	@Test
	void awsReadsTheCallerFromAuthorizationWithOrWithoutBearer() {
		assertAllowedAsAlice(this.aws.check(request("Authorization", "Bearer " + TOKEN), ConformanceFixtures.route()),
				TargetCloud.AWS, TOKEN);
		assertAllowedAsAlice(this.aws.check(request("Authorization", TOKEN), ConformanceFixtures.route()),
				TargetCloud.AWS, TOKEN);
	}

	@Test
	void awsTrustsTheAuthorizerForSignatureLifetimeAndScopes() {
		String token = TestJwts.baseline()
			.signedWith(TestKeys.attacker())
			.claim("sub", "alice")
			.claim("exp", ConformanceFixtures.now(-3600))
			.build();
		Decision decision = this.aws.check(request("Authorization", "Bearer " + token), ConformanceFixtures.route("c"));
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.token().getName()).isEqualTo("alice");
	}

	@Test
	void gcpReadsTheCallerFromXForwardedAuthorizationMatchingTheUserinfoPayload() {
		Decision decision = this.gcp.check(request("Authorization", "Bearer google-id-token", "X-Forwarded-Authorization",
				"Bearer " + TOKEN, "X-Apigateway-Api-Userinfo", payload(TOKEN)), ConformanceFixtures.route("b"));
		assertAllowedAsAlice(decision, TargetCloud.GCP, TOKEN);
	}

	@Test
	void gcpAcceptsAPaddedUserinfoPayload() {
		String padded = payload(TOKEN) + "=".repeat((4 - payload(TOKEN).length() % 4) % 4);
		Decision decision = this.gcp.check(request("X-Forwarded-Authorization", "Bearer " + TOKEN,
				"X-Apigateway-Api-Userinfo", padded), ConformanceFixtures.route());
		assertAllowedAsAlice(decision, TargetCloud.GCP, TOKEN);
	}

	@Test
	void gcpFallsBackToTheUserinfoPayloadWithoutXForwardedAuthorization() {
		Decision decision = this.gcp.check(request("X-Apigateway-Api-Userinfo", payload(TOKEN)),
				ConformanceFixtures.route());
		assertAllowedAsAlice(decision, TargetCloud.GCP, "");
		assertThat(decision.token().headers()).isEmpty();
	}

	@Test
	void gcpEnforcesTheRouteScopesWithTheEmulatorsAnswer() {
		GatewayRequest request = request("X-Forwarded-Authorization", "Bearer " + TOKEN, "X-Apigateway-Api-Userinfo",
				payload(TOKEN));
		Decision decision = this.gcp.check(request, ConformanceFixtures.route("c"));
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.status()).isEqualTo(403);
		assertThat(decision.body()).isEqualTo("{\"code\":403,\"message\":\"Jwt does not carry any of the required scopes\"}");
		assertThat(decision.headers()).containsExactly(Map.entry("WWW-Authenticate",
				"Bearer error=\"insufficient_scope\", scope=\"c\""));
		assertThat(decision.contentType()).isEqualTo("application/json");
		assertThat(decision.reason()).isEqualTo("insufficient-scope");
		Decision emulated = new GcpApiGateway().check(ConformanceFixtures.bearer(TOKEN), ConformanceFixtures.route("c"),
				ConformanceFixtures.baselineKeys(), TestJwts.NOW);
		assertThat(decision).isEqualTo(emulated);
	}

	@Test
	void gcpEnforcesTheScopesOfTheUserinfoPayloadToo() {
		Decision decision = this.gcp.check(request("X-Apigateway-Api-Userinfo", payload(TOKEN)),
				ConformanceFixtures.route("c"));
		assertThat(decision.status()).isEqualTo(403);
	}

	@Test
	void gcpRejectsAForwardedTokenThatIsNotTheOneTheGatewayVerified() {
		String forged = TestJwts.baseline().claim("sub", "admin").claim("scope", "c").build();
		Decision decision = this.gcp.check(request("X-Forwarded-Authorization", "Bearer " + forged,
				"X-Apigateway-Api-Userinfo", payload(TOKEN)), ConformanceFixtures.route("c"));
		assertNotThroughGateway(decision, TargetCloud.GCP, "forwarded-token-mismatch");
	}

	@Test
	void gcpNeverReadsAuthorizationWhichHoldsTheGatewaysOwnToken() {
		assertNotThroughGateway(this.gcp.check(request("Authorization", "Bearer " + TOKEN), ConformanceFixtures.route()),
				TargetCloud.GCP, "missing-identity");
	}

	@Test
	void azureReadsTheCallerFromXForwardedAuthorization() {
		Decision decision = this.azure.check(request("Authorization", "Bearer " + TOKEN, "X-Forwarded-Authorization",
				"Bearer " + TOKEN), ConformanceFixtures.route("b"));
		assertAllowedAsAlice(decision, TargetCloud.AZURE, TOKEN);
	}

	@Test
	void azureReadsScopesAsItsPolicyDoesFromScpArrays() {
		String token = TestJwts.baseline().withoutClaim("scope").claim("scp", List.of("x", "y")).build();
		Decision decision = this.azure.check(request("X-Forwarded-Authorization", "Bearer " + token),
				ConformanceFixtures.route());
		assertThat(decision.token().scopes()).containsExactly("x", "y");
	}

	@ParameterizedTest
	@EnumSource(names = { "AWS", "GCP", "AZURE" })
	void publicRouteIsAllowedWithoutReadingForgedIdentityHeaders(TargetCloud cloud) {
		String forged = TestJwts.baseline().claim("sub", "admin").build();
		Decision decision = BehindGateway.of(cloud)
			.check(request("Authorization", "Bearer " + forged, "X-Forwarded-Authorization", "Bearer " + forged,
					"X-Apigateway-Api-Userinfo", payload(forged)), ConformanceFixtures.publicRoute());
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reason()).isEqualTo("public-route");
		assertThat(decision.token()).isNull();
		assertThat(decision.cloud()).isEqualTo(cloud);
	}

	@ParameterizedTest
	@EnumSource(names = { "AWS", "GCP", "AZURE" })
	void securedRouteWithoutTheGatewaysHeaderFailsClosed(TargetCloud cloud) {
		Decision decision = BehindGateway.of(cloud)
			.check(request("Accept", "application/json"), ConformanceFixtures.route());
		assertNotThroughGateway(decision, cloud, "missing-identity");
		assertThat(decision.detail()).startsWith("did not come through the gateway: ");
	}

	@Test
	void securedRouteWithMalformedForwardedIdentityFailsClosed() {
		String notJwt = "Bearer not-a-jwt";
		assertNotThroughGateway(this.aws.check(request("Authorization", notJwt), ConformanceFixtures.route()),
				TargetCloud.AWS, "malformed-identity");
		assertNotThroughGateway(this.aws.check(request("Authorization", "Bearer a", "authorization", "Bearer b"),
				ConformanceFixtures.route()), TargetCloud.AWS, "malformed-identity");
		assertNotThroughGateway(this.gcp.check(request("X-Forwarded-Authorization", notJwt), ConformanceFixtures.route()),
				TargetCloud.GCP, "malformed-identity");
		assertNotThroughGateway(this.gcp.check(request("X-Forwarded-Authorization", TOKEN), ConformanceFixtures.route()),
				TargetCloud.GCP, "malformed-identity");
		assertNotThroughGateway(this.gcp.check(request("X-Apigateway-Api-Userinfo", "e30.!"),
				ConformanceFixtures.route()), TargetCloud.GCP, "malformed-identity");
		assertNotThroughGateway(this.gcp.check(request("X-Apigateway-Api-Userinfo", TestJwts.encode("[1,2]")),
				ConformanceFixtures.route()), TargetCloud.GCP, "malformed-identity");
		assertNotThroughGateway(this.gcp.check(request("X-Apigateway-Api-Userinfo", TestJwts.encode("{\"iss\":1}")),
				ConformanceFixtures.route()), TargetCloud.GCP, "malformed-identity");
		assertNotThroughGateway(this.azure.check(request("X-Forwarded-Authorization", notJwt),
				ConformanceFixtures.route()), TargetCloud.AZURE, "malformed-identity");
		assertNotThroughGateway(this.azure.check(request("X-Forwarded-Authorization", TOKEN),
				ConformanceFixtures.route()), TargetCloud.AZURE, "malformed-identity");
	}

	@ParameterizedTest
	@EnumSource(names = { "AWS", "GCP", "AZURE" })
	void forwardedTokenOfAnIssuerTheRouteDoesNotNameFailsClosed(TargetCloud cloud) {
		String other = TestJwts.baseline().claim("iss", "https://partners.example.com").build();
		Decision decision = BehindGateway.of(cloud)
			.check(request("Authorization", "Bearer " + other, "X-Forwarded-Authorization", "Bearer " + other,
					"X-Apigateway-Api-Userinfo", payload(other)), ConformanceFixtures.route());
		assertNotThroughGateway(decision, cloud, "issuer-mismatch");
	}

	@Test
	void alternativeDefinitionsArePickedByIssuer() {
		String partner = TestJwts.baseline().claim("iss", "https://partners.example.com").claim("sub", "alice").build();
		RoutePolicy route = ConformanceFixtures.route(
				List.of(SecurityRequirement.of("idp"), SecurityRequirement.of("partners")), ConformanceFixtures.IDP,
				ConformanceFixtures.OTHER_IDP);
		Decision decision = this.azure.check(request("X-Forwarded-Authorization", "Bearer " + partner), route);
		assertThat(decision.token().definition()).isEqualTo("partners");
	}

	@Test
	void portableIsNotACloudToBeDeployedOn() {
		assertThatIllegalArgumentException().isThrownBy(() -> BehindGateway.of(TargetCloud.PORTABLE))
			.withMessageContaining("must be AWS, GCP or Azure, not portable");
	}

	@Test
	void untrustedIdentityHeadersAreThoseTheCloudDoesNotReplace() {
		assertThat(this.aws.untrustedIdentityHeaders()).containsExactlyInAnyOrder("x-apigateway-api-userinfo",
				"x-endpoint-api-userinfo", "x-forwarded-authorization");
		assertThat(this.gcp.untrustedIdentityHeaders()).containsExactly("x-endpoint-api-userinfo");
		assertThat(this.azure.untrustedIdentityHeaders()).containsExactlyInAnyOrder("x-apigateway-api-userinfo",
				"x-endpoint-api-userinfo");
	}

	private static void assertAllowedAsAlice(Decision decision, TargetCloud cloud, String tokenValue) {
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.cloud()).isEqualTo(cloud);
		assertThat(decision.reason()).isEqualTo("valid-token");
		VerifiedToken token = decision.token();
		assertThat(token).isNotNull();
		assertThat(token.getName()).isEqualTo("alice");
		assertThat(token.definition()).isEqualTo("idp");
		assertThat(token.scopes()).containsExactly("a", "b");
		assertThat(token.claimAsString("iss")).isEqualTo(TestJwts.ISSUER);
		assertThat(token.tokenValue()).isEqualTo(tokenValue);
	}

	private static void assertNotThroughGateway(Decision decision, TargetCloud cloud, String reason) {
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.cloud()).isEqualTo(cloud);
		assertThat(decision.status()).isEqualTo(401);
		assertThat(decision.contentType()).isEqualTo("application/problem+json");
		assertThat(decision.body()).isEqualTo(PROBLEM);
		assertThat(decision.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
		assertThat(decision.reason()).isEqualTo(reason);
		assertThat(decision.token()).isNull();
	}

	private static String payload(String token) {
		return TestJwts.segments(token).get(1);
	}

	private static GatewayRequest request(String... headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (int i = 0; i < headers.length; i += 2) {
			map.computeIfAbsent(headers[i], (name) -> new ArrayList<>()).add(headers[i + 1]);
		}
		return ConformanceFixtures.request(null, map);
	}

}
