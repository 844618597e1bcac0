package dev.nitric.spring.autoconfigure.gateway;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.JwksPolicy;
import dev.nitric.spring.gateway.JwksResult;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.VerifiedToken;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NitricGatewayFilter}, against a recording {@link dev.nitric.spring.gateway.Gateway} double.
 */
class NitricGatewayFilterTests {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	static final SecurityDefinition USER = SecurityDefinition.jwt("user")
		.issuer("https://issuer.example/")
		.audiences("planets");

	static final Manifest MANIFEST = new Manifest(1, "test",
			List.of(new ApiManifest("admin", List.of(USER), List.of(SecurityRequirement.of("user", "admin")),
					List.of(route("GET", "/planets/{name}", List.of(SecurityRequirement.of("user", "admin"))))),
					new ApiManifest("main", List.of(USER), List.of(SecurityRequirement.of("user")),
							List.of(route("GET", "/planets", List.of(SecurityRequirement.of("user"))),
									route("GET", "/planets/unsecured-planet", List.of()),
									route("POST", "/planets/unsecured-planet",
											List.of(SecurityRequirement.of("user", "user.write")))))),
			List.of());

	static final KeyResolver NO_KEYS = new KeyResolver() {

		@Override
		public JwksResult keys(SecurityDefinition definition) {
			return new JwksResult.Unavailable("test");
		}

		@Override
		public JwksResult keysAfterUnknownKid(SecurityDefinition definition, JwksPolicy policy) {
			return keys(definition);
		}

	};

	static final VerifiedToken TOKEN = new VerifiedToken("header.payload.signature", "user", Map.of("alg", "RS256"),
			Map.of("sub", "alice", "scope", "user.write"), List.of("user.write"));

	private final List<Decision> decisions = new ArrayList<>();

	@Test
	void filterWhenRequestHitsNoRouteThenPassesUntouchedWithoutAskingTheGateway() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
		request.addHeader("Authorization", "garbage");
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(gateway.calls).isEmpty();
		assertThat(this.decisions).isEmpty();
	}

	@Test
	void filterWhenMethodHasNoRouteThenPassesUntouched() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/planets");
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(gateway.calls).isEmpty();
	}

	@Test
	void filterWhenRouteIsPublicThenPassesGarbageAuthorization() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets/unsecured-planet");
		request.addHeader("Authorization", "Bearer not-a-jwt");
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(gateway).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(gateway.calls).singleElement().satisfies((call) -> {
			assertThat(call.route().api()).isEqualTo("main");
			assertThat(call.route().isPublic()).isTrue();
			assertThat(call.now()).isEqualTo(NOW);
		});
		assertThat(this.decisions).singleElement().satisfies((decision) -> assertThat(decision.allowed()).isTrue());
	}

	@Test
	void filterWhenDeniedThenWritesExactlyTheDecisionAndNeverCallsTheApplication() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> Decision.deny(TargetCloud.AWS, 403,
				Map.of("WWW-Authenticate", "Bearer scope=\"user.write\" error=\"insufficient_scope\""),
				"application/json", "{\"message\":\"Forbidden\"}", "insufficient-scope", "No scope"));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/planets/unsecured-planet");
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(gateway).doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeaderNames()).containsExactlyInAnyOrder("WWW-Authenticate", "Content-Type",
				"Content-Length");
		assertThat(response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer scope=\"user.write\" error=\"insufficient_scope\"");
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getContentAsByteArray()).isEqualTo("{\"message\":\"Forbidden\"}".getBytes());
		assertThat(response.isCommitted()).isTrue();
		assertThat(request.getSession(false)).isNull();
		assertThat(gateway.calls).singleElement()
			.satisfies((call) -> assertThat(call.route().requirements())
				.containsExactly(SecurityRequirement.of("user", "user.write")));
	}

	@Test
	void filterWhenAllowedWithTokenThenTheApplicationSeesTheTokenAsPrincipalAndAttribute() throws Exception {
		RecordingGateway gateway = RecordingGateway
			.allowingPublicRoutes((route) -> Decision.allow(TargetCloud.AWS, "valid-token", TOKEN));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("Authorization", "Bearer header.payload.signature");
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen).isNotNull();
		assertThat(seen.getUserPrincipal()).isSameAs(TOKEN);
		assertThat(seen.getRemoteUser()).isEqualTo("alice");
		assertThat(seen.getAttribute(VerifiedToken.class.getName())).isSameAs(TOKEN);
		assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer header.payload.signature");
	}

	@Test
	void filterWhenRouteIsSecuredThenStripsClientSuppliedIdentityHeaders() throws Exception {
		RecordingGateway gateway = RecordingGateway
			.allowingPublicRoutes((route) -> Decision.allow(TargetCloud.AWS, "valid-token", TOKEN));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets");
		request.addHeader("X-Apigateway-Api-Userinfo", "eyJzdWIiOiJhZG1pbiJ9");
		request.addHeader("x-endpoint-api-userinfo", "eyJzdWIiOiJhZG1pbiJ9");
		request.addHeader("X-Forwarded-Authorization", "Bearer forged.by.client");
		request.addHeader("X-Other", "kept");
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isNull();
		assertThat(seen.getHeader("X-Endpoint-API-UserInfo")).isNull();
		assertThat(seen.getHeader("X-Forwarded-Authorization")).isNull();
		assertThat(Collections.list(seen.getHeaders("x-apigateway-api-userinfo"))).isEmpty();
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("X-Other");
		assertThat(seen.getHeader("X-Other")).isEqualTo("kept");
	}

	@Test
	void filterWhenRouteIsPublicThenLeavesIdentityHeadersAsGcpDoes() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets/unsecured-planet");
		request.addHeader("X-Apigateway-Api-Userinfo", "forged");
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getHeader("X-Apigateway-Api-Userinfo")).isEqualTo("forged");
		assertThat(seen.getUserPrincipal()).isNull();
	}

	@Test
	void filterGivesTheGatewayMethodRawPathQueryAndEveryHeaderValueWithoutTheContextPath() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/planets/mars%20one");
		request.setContextPath("/app");
		request.setQueryString("access_token=a%20b&x=1");
		request.addHeader("Authorization", "Bearer one");
		request.addHeader("Authorization", "Bearer two");
		filter(gateway).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(gateway.calls).singleElement().satisfies((call) -> {
			assertThat(call.route().api()).isEqualTo("admin");
			assertThat(call.route().path()).isEqualTo("/planets/{name}");
			assertThat(call.route().definitions()).containsEntry("user", USER);
			assertThat(call.request().method()).isEqualTo("GET");
			assertThat(call.request().path()).isEqualTo("/app/planets/mars%20one");
			assertThat(call.request().rawQuery()).isEqualTo("access_token=a%20b&x=1");
			assertThat(call.request().headerValues("authorization")).containsExactly("Bearer one", "Bearer two");
			assertThat(call.keys()).isSameAs(NO_KEYS);
		});
	}

	@Test
	void filterPrefersTheMostSpecificTemplateAcrossApis() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		filter(gateway).doFilter(new MockHttpServletRequest("GET", "/planets/unsecured-planet"),
				new MockHttpServletResponse(), new MockFilterChain());
		filter(gateway).doFilter(new MockHttpServletRequest("GET", "/planets/pluto"), new MockHttpServletResponse(),
				new MockFilterChain());
		assertThat(gateway.calls).extracting((call) -> call.route().api() + " " + call.route().path())
			.containsExactly("main /planets/unsecured-planet", "admin /planets/{name}");
	}

	@Test
	void filterWhenHeadRequestHitsGetRouteThenTheGatewayDecides() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(new MockHttpServletRequest("HEAD", "/planets"), response, chain);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void filterDoesNotTrustAPrincipalItDidNotVerify() throws Exception {
		RecordingGateway gateway = RecordingGateway.allowingPublicRoutes((route) -> unauthorized());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/planets/unsecured-planet");
		Principal someone = () -> "someone";
		request.setUserPrincipal(someone);
		MockFilterChain chain = new MockFilterChain();
		filter(gateway).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(((HttpServletRequest) chain.getRequest()).getAttribute(VerifiedToken.class.getName())).isNull();
	}

	private NitricGatewayFilter filter(RecordingGateway gateway) {
		return new NitricGatewayFilter(() -> MANIFEST, () -> gateway, () -> NO_KEYS,
				() -> List.of((request, route, decision) -> this.decisions.add(decision)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	static Decision unauthorized() {
		return Decision.deny(TargetCloud.AWS, 401, Map.of("WWW-Authenticate", "Bearer"), "application/json",
				"{\"message\":\"Unauthorized\"}", "missing-token", "No token");
	}

	static RouteManifest route(String method, String path, List<SecurityRequirement> security) {
		return new RouteManifest(method, path, "Handler#method", security,
				security.isEmpty() ? SecuritySource.ROUTE : SecuritySource.API);
	}

}
