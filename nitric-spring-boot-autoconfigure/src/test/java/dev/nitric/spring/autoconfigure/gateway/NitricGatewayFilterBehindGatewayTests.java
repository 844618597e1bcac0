package dev.nitric.spring.autoconfigure.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.BehindGateway;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.TestJwts;
import dev.nitric.spring.gateway.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NitricGatewayFilter} deciding with {@link BehindGateway}: the same principal, attribute, listeners
 * and header hygiene as in emulation, with the caller read where each cloud's gateway puts it.
 */
class NitricGatewayFilterBehindGatewayTests {

	private static final String ISSUER = "https://issuer.example/";

	private static final String TOKEN = TestJwts.baseline()
		.claim("iss", ISSUER)
		.claim("aud", "planets")
		.claim("sub", "alice")
		.claim("scope", "user.write")
		.build();

	private final List<Decision> decisions = new ArrayList<>();

	@Test
	void gcpSecuredRouteGivesTheApplicationTheForwardedCallerAndKeepsTheGatewaysHeaders() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("Authorization", "Bearer google-id-token");
		request.addHeader("X-Forwarded-Authorization", "Bearer " + TOKEN);
		request.addHeader("X-Apigateway-Api-Userinfo", payload(TOKEN));
		request.addHeader("X-Endpoint-API-UserInfo", "forged");
		MockFilterChain chain = new MockFilterChain();
		filter(TargetCloud.GCP).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getUserPrincipal()).isInstanceOfSatisfying(VerifiedToken.class, (token) -> {
			assertThat(token.getName()).isEqualTo("alice");
			assertThat(token.scopes()).containsExactly("user.write");
			assertThat(token.tokenValue()).isEqualTo(TOKEN);
		});
		assertThat(seen.getAttribute(NitricGatewayFilter.VERIFIED_TOKEN_ATTRIBUTE)).isSameAs(seen.getUserPrincipal());
		assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isEqualTo(payload(TOKEN));
		assertThat(seen.getHeader("X-Forwarded-Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(seen.getHeader("X-Endpoint-API-UserInfo")).isNull();
		assertThat(this.decisions).singleElement().satisfies((decision) -> {
			assertThat(decision.cloud()).isEqualTo(TargetCloud.GCP);
			assertThat(decision.reason()).isEqualTo("valid-token");
		});
	}

	@Test
	void gcpSecuredRouteWithoutTheRouteScopeIsAnswered403ByTheApplication() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets/mars");
		request.addHeader("X-Forwarded-Authorization", "Bearer " + TOKEN);
		request.addHeader("X-Apigateway-Api-Userinfo", payload(TOKEN));
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(TargetCloud.GCP).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString())
			.isEqualTo("{\"code\":403,\"message\":\"Jwt does not carry any of the required scopes\"}");
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", scope=\"admin\"");
	}

	@Test
	void awsSecuredRouteReadsAuthorizationAndHidesHeadersAwsNeverSets() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		request.addHeader("X-Forwarded-Authorization", "Bearer forged");
		request.addHeader("X-Apigateway-Api-Userinfo", "forged");
		MockFilterChain chain = new MockFilterChain();
		filter(TargetCloud.AWS).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getUserPrincipal().getName()).isEqualTo("alice");
		assertThat(seen.getHeader("X-Forwarded-Authorization")).isNull();
		assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isNull();
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("Authorization");
	}

	@Test
	void azureSecuredRouteReadsThePolicysForwardedAuthorization() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		request.addHeader("X-Forwarded-Authorization", "Bearer " + TOKEN);
		request.addHeader("X-Apigateway-Api-Userinfo", "forged");
		MockFilterChain chain = new MockFilterChain();
		filter(TargetCloud.AZURE).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getUserPrincipal().getName()).isEqualTo("alice");
		assertThat(seen.getHeader("X-Forwarded-Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isNull();
	}

	@Test
	void publicRouteWithForgedIdentityHeadersSetsNoPrincipal() throws Exception {
		for (TargetCloud cloud : List.of(TargetCloud.AWS, TargetCloud.GCP, TargetCloud.AZURE)) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets/unsecured-planet");
			request.addHeader("Authorization", "Bearer " + TOKEN);
			request.addHeader("X-Forwarded-Authorization", "Bearer " + TOKEN);
			request.addHeader("X-Apigateway-Api-Userinfo", payload(TOKEN));
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter(cloud).doFilter(request, response, chain);
			HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(seen.getUserPrincipal()).isNull();
			assertThat(seen.getAttribute(NitricGatewayFilter.VERIFIED_TOKEN_ATTRIBUTE)).isNull();
			assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isEqualTo(payload(TOKEN));
		}
		assertThat(this.decisions).extracting(Decision::reason).containsOnly("public-route");
	}

	@Test
	void securedRouteReachedWithoutTheGatewayIsAnswered401ProblemAndNeverReachesTheApplication() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(TargetCloud.AZURE).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).isEqualTo(BehindGateway.PROBLEM_BODY)
			.contains("did not come through the API gateway");
		assertThat(this.decisions).singleElement()
			.satisfies((decision) -> assertThat(decision.reason()).isEqualTo("missing-identity"));
	}

	@Test
	void malformedForwardedTokenIsAnswered401Problem() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("X-Forwarded-Authorization", "Bearer not.a.jwt");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter(TargetCloud.GCP).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).isEqualTo(BehindGateway.PROBLEM_BODY);
	}

	private NitricGatewayFilter filter(TargetCloud cloud) {
		BehindGateway gateway = BehindGateway.of(cloud);
		return new NitricGatewayFilter(() -> NitricGatewayFilterTests.MANIFEST,
				() -> GatewayDecisionSource.behind(gateway),
				() -> List.of((request, route, decision) -> this.decisions.add(decision)));
	}

	private static String payload(String token) {
		return TestJwts.segments(token).get(1);
	}

}
