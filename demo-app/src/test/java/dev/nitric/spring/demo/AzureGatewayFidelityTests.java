package dev.nitric.spring.demo;

import java.net.http.HttpResponse;

import dev.nitric.spring.gateway.AzureApiManagementGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code nitric.cloud=azure}, tokens from a real issuer: answers as API Management with the policy the
 * deployer writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nitric.cloud=azure", GatewayFidelityTestSupport.EXCLUDE_SECURITY })
class AzureGatewayFidelityTests extends GatewayFidelityTestSupport {

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		useIssuer(registry, Issuers.SAS);
	}

	@Test
	void securedRouteWithValidTokenReachesTheController() throws Exception {
		assertThat(get("/planets", "Bearer " + token()).statusCode()).isEqualTo(200);
	}

	@Test
	void securedRouteWithoutTokenAnswersJwtNotPresent() throws Exception {
		HttpResponse<String> response = get("/planets", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{ \"statusCode\": 401, \"message\": \"JWT not present.\" }");
	}

	@Test
	void tokenForAnotherAudienceAnswersInvalidJwt() throws Exception {
		HttpResponse<String> response = get("/planets", "Bearer " + token(Issuers.SAS, "https://other/"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{ \"statusCode\": 401, \"message\": \"Invalid JWT.\" }");
	}

	@Test
	void scopedRouteWithoutTheScopeAnswersThePolicys403() throws Exception {
		HttpResponse<String> response = post("/planets/unsecured-planet", "Bearer " + token("user.read"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo(AzureApiManagementGateway.FORBIDDEN_BODY);
	}

	@Test
	void scopedRouteWithTheScopeReachesTheController() throws Exception {
		assertThat(post("/planets/unsecured-planet", "Bearer " + token("user.write")).statusCode()).isEqualTo(200);
	}

}
