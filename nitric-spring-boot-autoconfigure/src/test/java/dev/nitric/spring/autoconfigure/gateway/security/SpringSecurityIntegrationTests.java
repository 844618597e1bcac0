package dev.nitric.spring.autoconfigure.gateway.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.nitric.spring.json.Json;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.test.issuers.SpringAuthorizationServerIssuer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Security's default chain and the gateway in front: a verified token is the request's
 * {@code Authentication}, public routes and the development issuer are not re-guarded, bearer routes need no CSRF
 * token, and everything else keeps Spring Security's defaults.
 */
@SpringBootTest(classes = SpringSecurityIntegrationTests.SecuredApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nitric.cloud=aws", "spring.autoconfigure.exclude="
				+ SpringAuthorizationServerIssuer.AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS })
class SpringSecurityIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void verifiedTokenIsTheAuthenticationWithItsScopesAsAuthorities() throws Exception {
		HttpResponse<String> response = send("GET", "/orders", "Bearer " + mint("sub=alice&scope=orders.read"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice [SCOPE_orders.read]");
	}

	@Test
	void publicRouteIsNotReguardedBySpringSecurity() throws Exception {
		HttpResponse<String> response = send("GET", "/orders/status", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("up");
	}

	@Test
	void bearerRouteNeedsNoCsrfToken() throws Exception {
		HttpResponse<String> response = send("POST", "/orders", "Bearer " + mint("sub=bob&scope=orders.write"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("created by bob");
	}

	@Test
	void gatewayStillAnswersForTheCloudBeforeSpringSecurity() throws Exception {
		HttpResponse<String> response = send("GET", "/orders", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
	}

	@Test
	void routesOutsideTheManifestKeepSpringSecurityDefaults() throws Exception {
		assertThat(send("GET", "/internal", null).statusCode()).isEqualTo(401);
	}

	private String mint(String form) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/nitric/dev-issuer/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) ((Map<?, ?>) Json.parse(response.body())).get("access_token");
	}

	private HttpResponse<String> send(String method, String path, @Nullable String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		Api ordersApi() {
			return Api.named("orders")
				.securityDefinition(SecurityDefinition.jwt("user").developmentIssuer().audiences("orders"))
				.security("user");
		}

		@Bean
		OrdersController ordersController() {
			return new OrdersController();
		}

		@Bean
		InternalController internalController() {
			return new InternalController();
		}

	}

	@RestController
	@NitricApi("orders")
	static class OrdersController {

		@GetMapping("/orders")
		String orders(Authentication authentication) {
			return authentication.getName() + " " + authentication.getAuthorities();
		}

		@PublicRoute
		@GetMapping("/orders/status")
		String status() {
			return "up";
		}

		@RouteSecurity(definition = "user", scopes = "orders.write")
		@PostMapping("/orders")
		String create(Authentication authentication) {
			return "created by " + authentication.getName();
		}

	}

	@RestController
	static class InternalController {

		@GetMapping("/internal")
		String internal() {
			return "internal";
		}

	}

}
