package dev.nitric.spring.autoconfigure.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.gateway.VerifiedToken;
import dev.nitric.spring.json.Json;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.test.issuers.SpringAuthorizationServerIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the gateway emulation on a real server: development issuer endpoints, rejections written
 * byte for byte, the verified token in controllers, the OpenAPI document and the decision counter. The gateway is
 * a test double that accepts exactly the tokens minted by the development issuer whose signature verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=planets", "nitric.cloud=aws",
				// The test class path carries Spring Security (for the in-process authorization server); this
				// application has none of its own.
				"spring.autoconfigure.exclude=" + SpringAuthorizationServerIssuer.EXCLUDE_FROM_APP_WITHOUT_SECURITY })
class NitricGatewayIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void developmentIssuerPublishesDiscoveryAndJwks() throws Exception {
		HttpResponse<String> discovery = get("/nitric/dev-issuer/.well-known/openid-configuration");
		assertThat(discovery.statusCode()).isEqualTo(200);
		Map<?, ?> document = (Map<?, ?>) Json.parse(discovery.body());
		assertThat(document.get("issuer")).isEqualTo("http://localhost:8080/nitric/dev-issuer");
		assertThat(document.get("jwks_uri")).isEqualTo(url("/nitric/dev-issuer/jwks"));
		assertThat(document.get("token_endpoint")).isEqualTo(url("/nitric/dev-issuer/token"));
		HttpResponse<String> jwks = get("/nitric/dev-issuer/jwks");
		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(JsonWebKeySet.parse(jwks.body()).keys()).singleElement()
			.satisfies((key) -> assertThat(key.kty()).isEqualTo("RSA"));
	}

	@Test
	void developmentIssuerMintsTokensWithChosenClaimsFromAForm() throws Exception {
		HttpResponse<String> response = post("/nitric/dev-issuer/token", "application/x-www-form-urlencoded",
				"sub=alice&scope=user.write+user.read&aud=custom&expires_in=120");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
		assertThat(body.get("token_type")).isEqualTo("Bearer");
		assertThat(body.get("expires_in").toString()).isEqualTo("120");
		String token = (String) body.get("access_token");
		Map<?, ?> claims = claims(token);
		assertThat(claims.get("sub")).isEqualTo("alice");
		assertThat(claims.get("scope")).isEqualTo("user.write user.read");
		assertThat(claims.get("aud")).isEqualTo("custom");
		assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(120);
		assertThat(verifies(token)).isTrue();
	}

	@Test
	void developmentIssuerMintsTokensFromJsonWithDefaults() throws Exception {
		HttpResponse<String> response = post("/nitric/dev-issuer/token", "application/json", "{\"scope\":[\"a\",\"b\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> claims = claims((String) ((Map<?, ?>) Json.parse(response.body())).get("access_token"));
		assertThat(claims.get("sub")).isEqualTo("developer");
		assertThat(claims.get("aud")).isEqualTo("https://planets/");
		assertThat(claims.get("scope")).isEqualTo("a b");
	}

	@Test
	void developmentIssuerRefusesTooLongALifetime() throws Exception {
		HttpResponse<String> response = post("/nitric/dev-issuer/token", "application/x-www-form-urlencoded",
				"expires_in=86401");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"invalid_request\"");
	}

	@Test
	void rejectionIsWrittenByteForByteByTheServer() throws Exception {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/planets")))
			.header("Authorization", "Bearer garbage")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.meterRegistry.get(DecisionMetrics.METRIC_NAME)
			.tags("cloud", "aws", "api", "main", "outcome", "rejected", "reason", "invalid-token")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void verifiedTokenReachesTheController() throws Exception {
		String token = mint("sub=alice&scope=user.write");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/planets")))
			.header("Authorization", "Bearer " + token)
			.header("X-Apigateway-Api-Userinfo", "forged")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice alice user.write userinfo=null");
		assertThat(this.meterRegistry.get(DecisionMetrics.METRIC_NAME)
			.tags("cloud", "aws", "api", "main", "outcome", "allowed", "reason", "valid-token")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void publicRouteResolvesNoToken() throws Exception {
		HttpResponse<String> response = get("/planets/unsecured-planet");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("no token");
	}

	@Test
	void openApiDocumentCarriesTheManifestSecurity() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> document = (Map<?, ?>) Json.parse(response.body());
		Map<?, ?> schemes = (Map<?, ?>) ((Map<?, ?>) document.get("components")).get("securitySchemes");
		assertThat(schemes.get("main.user")).isEqualTo(Map.of("type", "openIdConnect", "openIdConnectUrl",
				"http://localhost:8080/nitric/dev-issuer/.well-known/openid-configuration"));
		Map<?, ?> paths = (Map<?, ?>) document.get("paths");
		assertThat(operation(paths, "/planets", "get").get("security")).isEqualTo(List.of(Map.of("main.user", List.of())));
		assertThat(operation(paths, "/planets/unsecured-planet", "get").get("security")).isEqualTo(List.of());
		assertThat(operation(paths, "/planets/unsecured-planet", "post").get("security"))
			.isEqualTo(List.of(Map.of("main.user", List.of("user.write"))));
	}

	private static Map<?, ?> operation(Map<?, ?> paths, String path, String method) {
		return (Map<?, ?>) ((Map<?, ?>) paths.get(path)).get(method);
	}

	private String mint(String form) throws Exception {
		HttpResponse<String> response = post("/nitric/dev-issuer/token", "application/x-www-form-urlencoded", form);
		return (String) ((Map<?, ?>) Json.parse(response.body())).get("access_token");
	}

	private boolean verifies(String token) throws Exception {
		PublicKey key = (PublicKey) JsonWebKeySet.parse(get("/nitric/dev-issuer/jwks").body()).keys().get(0).key();
		return TestApplication.verifies(token, key);
	}

	private static Map<?, ?> claims(String token) {
		return (Map<?, ?>) Json
			.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestApplication.PlanetsController.class)
	static class TestApplication {

		@Bean
		Api mainApi() {
			return Api.named("main")
				.securityDefinition(SecurityDefinition.jwt("user").developmentIssuer().audiences("https://planets/"))
				.security("user");
		}

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		/** Accepts the development issuer's tokens whose signature verifies; a stand-in for the real gateways. */
		@Bean
		Gateway testGateway(dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer issuer) {
			return new RecordingGateway((route) -> Decision.allow(TargetCloud.AWS, "public-route", null)) {

				@Override
				public Decision check(dev.nitric.spring.gateway.GatewayRequest request,
						dev.nitric.spring.gateway.RoutePolicy route, dev.nitric.spring.gateway.KeyResolver keys,
						java.time.Instant now) {
					if (route.isPublic()) {
						return Decision.allow(TargetCloud.AWS, "public-route", null);
					}
					String header = request.headerValues("authorization").stream().findFirst().orElse("");
					String token = header.startsWith("Bearer ") ? header.substring(7) : "";
					var result = keys.keys(route.definitions().get("user"));
					if (result instanceof dev.nitric.spring.gateway.JwksResult.Keys found && token.split("\\.").length == 3
							&& verifies(token, (PublicKey) found.keys().keys().get(0).key())) {
						Map<String, @Nullable Object> claims = new java.util.LinkedHashMap<>(claims(token));
						return Decision.allow(TargetCloud.AWS, "valid-token", new VerifiedToken(token, "user", Map.of(),
								claims, List.of(String.valueOf(claims.get("scope")).split(" "))));
					}
					return Decision.deny(TargetCloud.AWS, 401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""),
							"application/json", "{\"message\":\"Unauthorized\"}", "invalid-token", "Bad token");
				}

			};
		}

		@SuppressWarnings("unchecked")
		private static Map<String, Object> claims(String token) {
			return (Map<String, Object>) NitricGatewayIntegrationTests.claims(token);
		}

		static boolean verifies(String token, PublicKey key) {
			try {
				String[] parts = token.split("\\.");
				Signature signature = Signature.getInstance("SHA256withRSA");
				signature.initVerify(key);
				signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
				return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
			}
			catch (Exception ex) {
				return false;
			}
		}

		@RestController
		@NitricApi("main")
		static class PlanetsController {

			@GetMapping("/planets")
			String planets(VerifiedToken token, java.security.Principal principal,
					jakarta.servlet.http.HttpServletRequest request) {
				return token.getName() + " " + principal.getName() + " " + String.join(",", token.scopes())
						+ " userinfo=" + request.getHeader("X-Apigateway-Api-Userinfo");
			}

			@PublicRoute
			@GetMapping("/planets/unsecured-planet")
			String unsecured(@Nullable VerifiedToken token) {
				return (token != null) ? "token" : "no token";
			}

			@RouteSecurity(definition = "user", scopes = "user.write")
			@PostMapping("/planets/unsecured-planet")
			String update() {
				return "updated";
			}

		}

	}

}
