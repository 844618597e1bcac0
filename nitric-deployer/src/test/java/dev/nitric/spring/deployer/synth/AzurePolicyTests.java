package dev.nitric.spring.deployer.synth;

import java.util.List;

import dev.nitric.spring.gateway.AzureApiManagementGateway;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure operation policy: one requirement, none, and alternatives (which the emulator treats as any-of, answering
 * with the first requirement's failure).
 */
class AzurePolicyTests {

	private static final ApiManifest API = new ApiManifest("orders",
			List.of(new SecurityDefinition("partner", SecurityDefinition.Kind.JWT, "https://partner.example.com",
					List.of("partner-api")),
					new SecurityDefinition("user", SecurityDefinition.Kind.JWT, "https://auth.example.com/",
							List.of("orders"))),
			List.of(), List.of());

	@Test
	void publicRouteOnlyDeletesTheClientsForwardedAuthorization() {
		String policy = AzurePolicy.write(API, Fixtures.route("GET", "/status"));
		assertThat(policy).contains("<set-header name=\"X-Forwarded-Authorization\" exists-action=\"delete\" />")
			.doesNotContain("validate-jwt")
			.doesNotContain("exists-action=\"override\"");
	}

	@Test
	void alternativesAcceptEachDefinitionAndCheckThePairing() {
		RouteManifest route = Fixtures.route("POST", "/orders", SecurityRequirement.of("user", "orders.write"),
				SecurityRequirement.of("partner"));
		String policy = AzurePolicy.write(API, route);
		assertThat(policy).contains("<openid-config url=\"https://auth.example.com/.well-known/openid-configuration\" />")
			.contains("<openid-config url=\"https://partner.example.com/.well-known/openid-configuration\" />")
			.contains("<issuer>https://auth.example.com/</issuer>")
			.contains("<issuer>https://partner.example.com</issuer>")
			.contains("<audience>orders</audience>")
			.contains("<audience>partner-api</audience>")
			.contains("(jwt.Issuer == &quot;https://auth.example.com/&quot; &amp;&amp; jwt.Audiences.Intersect(new[] { "
					+ "&quot;orders&quot; }).Any() &amp;&amp; scopes.Intersect(new[] { &quot;orders.write&quot; }).Any())"
					+ " || (jwt.Issuer == &quot;https://partner.example.com&quot;")
			.contains("<set-body>" + AzureApiManagementGateway.failedValidationBody(AzureApiManagementGateway.INVALID)
					+ "</set-body>")
			.contains("<set-body>" + AzureApiManagementGateway.FORBIDDEN_BODY + "</set-body>");
		assertThat(policy.indexOf("code=\"401\"")).isLessThan(policy.indexOf("code=\"403\""));
	}

}
