package dev.nitric.spring.demo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code nitric.cloud=gcp}, tokens from a real issuer: answers as GCP API Gateway (ESPv2), and the
 * application enforces the scopes GCP's gateway ignores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nitric.cloud=gcp", GatewayFidelityTestSupport.EXCLUDE_SECURITY })
class GcpGatewayFidelityTests extends GatewayFidelityTestSupport {

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		useIssuer(registry, Issuers.SAS);
	}

	@Test
	void securedRouteWithValidTokenReachesTheController() throws Exception {
		assertThat(get("/planets", "Bearer " + token()).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenInTheAccessTokenQueryParameterIsAccepted() throws Exception {
		assertThat(get("/planets?access_token=" + token(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void securedRouteWithoutTokenAnswersJwtIsMissing() throws Exception {
		HttpResponse<String> response = get("/planets", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"code\":401,\"message\":\"Jwt is missing\"}");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"/planets\"");
	}

	@Test
	void tokenWithoutBearerPrefixIsNotFound() throws Exception {
		HttpResponse<String> response = get("/planets", token());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"code\":401,\"message\":\"Jwt is missing\"}");
	}

	@Test
	void tokenForAnotherAudienceAnswers403() throws Exception {
		HttpResponse<String> response = get("/planets", "Bearer " + token(Issuers.SAS, "https://other/"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"code\":403,\"message\":\"Audiences in Jwt are not allowed\"}");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"/planets\", error=\"invalid_token\"");
	}

	@Test
	void audienceIsComparedWithoutSchemeAndTrailingSlash() throws Exception {
		assertThat(get("/planets", "Bearer " + token(Issuers.SAS, "http://test-security-definition")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void scopedRouteWithoutTheScopeIsRefusedByTheApplication() throws Exception {
		HttpResponse<String> response = post("/planets/unsecured-planet", "Bearer " + token("user.read"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":403");
	}

	@Test
	void publicRouteIgnoresAGarbageAuthorizationHeader() throws Exception {
		assertThat(get("/planets/unsecured-planet", "Bearer garbage").statusCode()).isEqualTo(200);
	}

}
