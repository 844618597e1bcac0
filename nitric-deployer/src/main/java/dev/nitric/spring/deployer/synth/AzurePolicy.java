package dev.nitric.spring.deployer.synth;

import java.util.stream.Collectors;

import dev.nitric.spring.gateway.AzureApiManagementGateway;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * The inbound policy of one API Management operation, built from the constants of {@link AzureApiManagementGateway},
 * which the local emulator applies too (one description of the policy, so they cannot drift):
 * {@code X-Forwarded-Authorization} deleted, {@code validate-jwt}, the scope check answering 403, then
 * {@code X-Forwarded-Authorization} set to the caller's {@code Authorization}.
 *
 * @see <a href="https://learn.microsoft.com/azure/api-management/validate-jwt-policy">Validate JWT policy</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/set-header-policy">Set header policy</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/return-response-policy">Return response policy</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/api-management-policy-expressions">Policy
 * expressions</a>
 */
final class AzurePolicy {

	/** The variable {@code validate-jwt} stores the token in, for the scope check. */
	static final String TOKEN_VARIABLE = "nitric-jwt";

	private static final String FORWARDED = "X-Forwarded-Authorization";

	private AzurePolicy() {
	}

	/**
	 * Write the policy of one operation.
	 * @param api the API
	 * @param route the route (at most one requirement; {@link Stack} refuses more for Azure)
	 * @return the policy XML, ending in a newline
	 */
	static String write(ApiManifest api, RouteManifest route) {
		StringBuilder xml = new StringBuilder();
		xml.append("<!-- nitric:synth: API '").append(comment(api.name())).append("', ").append(route.method())
			.append(' ').append(comment(route.path())).append(" (").append(comment(route.handler())).append("). ")
			.append("The local emulator (nitric.cloud=azure) applies the same policy. -->\n");
		xml.append("<policies>\n\t<inbound>\n\t\t<base />\n");
		xml.append("\t\t<!-- A client's copy is never trusted. -->\n");
		xml.append("\t\t<set-header name=\"").append(FORWARDED).append("\" exists-action=\"delete\" />\n");
		if (!route.isPublic()) {
			SecurityRequirement requirement = route.security().get(0);
			SecurityDefinition definition = api.securityDefinition(requirement.definition()).orElseThrow();
			String issuer = String.valueOf(definition.issuer());
			xml.append("\t\t<!-- Security definition '").append(comment(definition.name()))
				.append("'. Keys from openid-config: validate-jwt documents ")
				.append(String.join(", ", AzureApiManagementGateway.ALGORITHMS))
				.append("; the emulator accepts only those. -->\n");
			xml.append("\t\t<validate-jwt header-name=\"Authorization\" require-scheme=\"")
				.append(AzureApiManagementGateway.REQUIRED_SCHEME)
				.append("\" require-expiration-time=\"true\" require-signed-tokens=\"true\" clock-skew=\"")
				.append(AzureApiManagementGateway.CLOCK_SKEW_SECONDS)
				.append("\" failed-validation-httpcode=\"")
				.append(AzureApiManagementGateway.FAILED_VALIDATION_STATUS)
				.append("\" output-token-variable-name=\"")
				.append(TOKEN_VARIABLE)
				.append("\">\n");
			xml.append("\t\t\t<openid-config url=\"").append(attribute(JwksUris.discoveryUrl(issuer))).append("\" />\n");
			xml.append("\t\t\t<audiences>\n");
			definition.audiences()
				.forEach((audience) -> xml.append("\t\t\t\t<audience>").append(text(audience)).append("</audience>\n"));
			xml.append("\t\t\t</audiences>\n");
			xml.append("\t\t\t<issuers>\n\t\t\t\t<issuer>").append(text(issuer)).append("</issuer>\n\t\t\t</issuers>\n");
			xml.append("\t\t</validate-jwt>\n");
			if (!requirement.scopes().isEmpty()) {
				xml.append("\t\t<!-- Scopes, any-of, from scope (space-delimited) or scp (string or array). -->\n");
				xml.append("\t\t<choose>\n\t\t\t<when condition=\"").append(attribute(scopeCondition(requirement)))
					.append("\">\n");
				xml.append("\t\t\t\t<return-response>\n");
				xml.append("\t\t\t\t\t<set-status code=\"403\" reason=\"Forbidden\" />\n");
				xml.append("\t\t\t\t\t<set-header name=\"Content-Type\" exists-action=\"override\">\n")
					.append("\t\t\t\t\t\t<value>application/json</value>\n\t\t\t\t\t</set-header>\n");
				xml.append("\t\t\t\t\t<set-body>").append(text(AzureApiManagementGateway.FORBIDDEN_BODY))
					.append("</set-body>\n");
				xml.append("\t\t\t\t</return-response>\n\t\t\t</when>\n\t\t</choose>\n");
			}
			xml.append("\t\t<!-- The caller's token, for the application (as GCP's gateway forwards it). -->\n");
			xml.append("\t\t<set-header name=\"").append(FORWARDED).append("\" exists-action=\"override\">\n")
				.append("\t\t\t<value>@(context.Request.Headers.GetValueOrDefault(\"Authorization\", \"\"))</value>\n")
				.append("\t\t</set-header>\n");
		}
		xml.append("\t</inbound>\n\t<backend>\n\t\t<base />\n\t</backend>\n\t<outbound>\n\t\t<base />\n\t</outbound>\n");
		xml.append("\t<on-error>\n\t\t<base />\n\t</on-error>\n</policies>\n");
		return xml.toString();
	}

	/**
	 * The condition under which the token carries none of the scopes.
	 * @param requirement the requirement
	 * @return a policy expression
	 */
	static String scopeCondition(SecurityRequirement requirement) {
		String scopes = requirement.scopes()
			.stream()
			.map((scope) -> "\"" + scope.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(", "));
		return "@(!((Jwt)context.Variables[\"" + TOKEN_VARIABLE + "\"]).Claims"
				+ ".Where(c => c.Key == \"scope\" || c.Key == \"scp\")"
				+ ".SelectMany(c => c.Value).SelectMany(v => v.Split(' '))"
				+ ".Intersect(new[] { " + scopes + " }).Any())";
	}

	private static String text(String value) {
		return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String attribute(String value) {
		return text(value).replace("\"", "&quot;");
	}

	private static String comment(String value) {
		return value.replace("--", "- -");
	}

}
