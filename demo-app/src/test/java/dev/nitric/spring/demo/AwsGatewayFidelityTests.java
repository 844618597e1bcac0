package dev.nitric.spring.demo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code nitric.cloud=aws}, tokens from a real issuer: answers as an AWS HTTP API JWT authorizer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nitric.cloud=aws", GatewayFidelityTestSupport.EXCLUDE_SECURITY })
class AwsGatewayFidelityTests extends GatewayFidelityTestSupport {

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		useIssuer(registry, Issuers.SAS);
	}

	@Test
	void securedRouteWithValidTokenReachesTheController() throws Exception {
		HttpResponse<String> response = get("/planets", "Bearer " + token());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Earth");
	}

	@Test
	void securedRouteAcceptsTheTokenWithoutBearerPrefixAsAwsDocuments() throws Exception {
		assertThat(get("/planets", token()).statusCode()).isEqualTo(200);
	}

	@Test
	void securedRouteWithoutTokenAnswers401Unauthorized() throws Exception {
		HttpResponse<String> response = get("/planets", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void tokenForAnotherAudienceAnswers401WithTheDocumentedDescription() throws Exception {
		HttpResponse<String> response = get("/planets", "Bearer " + token(Issuers.SAS, "https://other/"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not have a valid audience\"");
	}

	@Test
	void tamperedTokenAnswers401() throws Exception {
		String token = token();
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertThat(get("/planets", "Bearer " + tampered).statusCode()).isEqualTo(401);
	}

	@Test
	void scopedRouteWithoutTheScopeAnswers403Forbidden() throws Exception {
		HttpResponse<String> response = post("/planets/unsecured-planet", "Bearer " + token("user.read"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer scope=\"user.write\" error=\"insufficient_scope\" error_description=\"expected scopes: [user.write]\"");
	}

	@Test
	void scopedRouteWithTheScopeReachesTheController() throws Exception {
		HttpResponse<String> response = post("/planets/unsecured-planet", "Bearer " + token("user.read", "user.write"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("updated");
	}

	@Test
	void publicRouteIgnoresAGarbageAuthorizationHeader() throws Exception {
		HttpResponse<String> response = get("/planets/unsecured-planet", "Bearer garbage.garbage");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Pluto");
	}

}
