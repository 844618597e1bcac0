package dev.nitric.spring.demo;

import java.net.http.HttpResponse;

import dev.nitric.spring.test.issuers.NodeOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with the default {@code nitric.cloud=portable} and an independent issuer (node {@code oidc-provider}, a
 * separate process with RFC 9068 {@code at+jwt} tokens): accepted only what every cloud accepts; a rejection names
 * each cloud that rejects and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = GatewayFidelityTestSupport.EXCLUDE_SECURITY)
class PortableGatewayFidelityTests extends GatewayFidelityTestSupport {

	private static final NodeOidcProvider NODE = NodeOidcProvider.start();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		useIssuer(registry, NODE);
	}

	@AfterAll
	static void stop() {
		NODE.close();
	}

	@Test
	void tokenOfAnIndependentIssuerIsAcceptedByEveryCloud() throws Exception {
		HttpResponse<String> response = get("/planets", "Bearer " + token(NODE, AUDIENCE));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void missingTokenIsAProblemNamingEveryCloud() throws Exception {
		HttpResponse<String> response = get("/planets", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"cloud\":\"aws\"").contains("\"cloud\":\"gcp\"")
			.contains("\"cloud\":\"azure\"")
			.contains("missing-token");
	}

	@Test
	void missingScopeIsForbiddenOnEveryCloud() throws Exception {
		HttpResponse<String> response = post("/planets/unsecured-planet", "Bearer " + token(NODE, AUDIENCE, "user.read"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"status\":403").contains("insufficient-scope");
	}

	@Test
	void scopeFromTheIndependentIssuerOpensTheScopedRoute() throws Exception {
		assertThat(post("/planets/unsecured-planet", "Bearer " + token(NODE, AUDIENCE, "user.write")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void rawTokenIsAcceptedByAwsButNotByGcpOrAzureSoPortableRejectsIt() throws Exception {
		HttpResponse<String> response = get("/planets", token(NODE, AUDIENCE));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"acceptedBy\":[\"aws\"]");
	}

}
