package dev.nitric.spring.deployer.synth;

import java.util.ArrayList;
import java.util.List;
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

	/** The token's scopes: {@code scope} (space-delimited) and {@code scp} (string or array). */
	private static final String SCOPES = "jwt.Claims.Where(c => c.Key == \"scope\" || c.Key == \"scp\")"
			+ ".SelectMany(c => c.Value).SelectMany(v => v.Split(' '))";

	private AzurePolicy() {
	}

	/**
	 * Write the policy of one operation.
	 * @param api the API
	 * @param route the route
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
			List<SecurityDefinition> definitions = route.security()
				.stream()
				.map(SecurityRequirement::definition)
				.distinct()
				.map((name) -> api.securityDefinition(name).orElseThrow())
				.toList();
			validateJwt(xml, definitions);
			if (route.security().size() == 1) {
				SecurityRequirement requirement = route.security().get(0);
				if (!requirement.scopes().isEmpty()) {
					xml.append("\t\t<!-- Scopes, any-of, from scope (space-delimited) or scp (string or array). -->\n");
					xml.append("\t\t<choose>\n");
					refuse(xml, scopeCondition(requirement), 403, AzureApiManagementGateway.FORBIDDEN_BODY);
					xml.append("\t\t</choose>\n");
				}
			}
			else {
				alternatives(xml, api, route.security());
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

	private static void validateJwt(StringBuilder xml, List<SecurityDefinition> definitions) {
		xml.append("\t\t<!-- Security definition").append((definitions.size() > 1) ? "s " : " ")
			.append(definitions.stream().map((definition) -> "'" + comment(definition.name()) + "'")
				.collect(Collectors.joining(", ")))
			.append(". Keys from openid-config: validate-jwt documents ")
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
		for (SecurityDefinition definition : definitions) {
			xml.append("\t\t\t<openid-config url=\"")
				.append(attribute(JwksUris.discoveryUrl(String.valueOf(definition.issuer()))))
				.append("\" />\n");
		}
		xml.append("\t\t\t<audiences>\n");
		definitions.stream()
			.flatMap((definition) -> definition.audiences().stream())
			.distinct()
			.forEach((audience) -> xml.append("\t\t\t\t<audience>").append(text(audience)).append("</audience>\n"));
		xml.append("\t\t\t</audiences>\n\t\t\t<issuers>\n");
		definitions.stream()
			.map((definition) -> String.valueOf(definition.issuer()))
			.distinct()
			.forEach((issuer) -> xml.append("\t\t\t\t<issuer>").append(text(issuer)).append("</issuer>\n"));
		xml.append("\t\t\t</issuers>\n\t\t</validate-jwt>\n");
	}

	/**
	 * Alternative requirements: {@code validate-jwt} accepts the issuers and audiences of all of them; then the token
	 * must meet one requirement with the issuer, an audience and a scope of the same definition. Otherwise the answer
	 * is the emulator's, which reports the first requirement's failure: 403 if the token is one of its definition's
	 * (only a scope is missing), else 401.
	 */
	private static void alternatives(StringBuilder xml, ApiManifest api, List<SecurityRequirement> requirements) {
		List<String> met = new ArrayList<>();
		for (SecurityRequirement requirement : requirements) {
			SecurityDefinition definition = api.securityDefinition(requirement.definition()).orElseThrow();
			String condition = ofDefinition(definition);
			if (!requirement.scopes().isEmpty()) {
				condition += " && scopes.Intersect(new[] { " + literals(requirement.scopes()) + " }).Any()";
			}
			met.add("(" + condition + ")");
		}
		SecurityDefinition first = api.securityDefinition(requirements.get(0).definition()).orElseThrow();
		String prelude = "@{ var jwt = (Jwt)context.Variables[\"" + TOKEN_VARIABLE + "\"]; var scopes = " + SCOPES
				+ ".ToArray(); ";
		String noneMet = "!(" + String.join(" || ", met) + ")";
		xml.append("\t\t<!-- Alternatives: one requirement must be met by a token of its own definition (issuer, "
				+ "audience, any-of scopes from scope or scp). -->\n");
		xml.append("\t\t<choose>\n");
		refuse(xml, prelude + "return " + noneMet + " && !(" + ofDefinition(first) + "); }",
				AzureApiManagementGateway.FAILED_VALIDATION_STATUS,
				AzureApiManagementGateway.failedValidationBody(AzureApiManagementGateway.INVALID));
		refuse(xml, prelude + "return " + noneMet + "; }", 403, AzureApiManagementGateway.FORBIDDEN_BODY);
		xml.append("\t\t</choose>\n");
	}

	private static String ofDefinition(SecurityDefinition definition) {
		return "jwt.Issuer == " + literals(List.of(String.valueOf(definition.issuer())))
				+ " && jwt.Audiences.Intersect(new[] { " + literals(definition.audiences()) + " }).Any()";
	}

	private static void refuse(StringBuilder xml, String condition, int status, String body) {
		xml.append("\t\t\t<when condition=\"").append(attribute(condition)).append("\">\n");
		xml.append("\t\t\t\t<return-response>\n");
		xml.append("\t\t\t\t\t<set-status code=\"").append(status).append("\" reason=\"")
			.append((status == 403) ? "Forbidden" : "Unauthorized").append("\" />\n");
		xml.append("\t\t\t\t\t<set-header name=\"Content-Type\" exists-action=\"override\">\n")
			.append("\t\t\t\t\t\t<value>application/json</value>\n\t\t\t\t\t</set-header>\n");
		xml.append("\t\t\t\t\t<set-body>").append(text(body)).append("</set-body>\n");
		xml.append("\t\t\t\t</return-response>\n\t\t\t</when>\n");
	}

	private static String literals(List<String> values) {
		return values.stream()
			.map((value) -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(", "));
	}

	/**
	 * The condition under which the token carries none of the scopes.
	 * @param requirement the requirement
	 * @return a policy expression
	 */
	static String scopeCondition(SecurityRequirement requirement) {
		return "@(!((Jwt)context.Variables[\"" + TOKEN_VARIABLE + "\"]).Claims" + SCOPES.substring("jwt.Claims".length())
				+ ".Intersect(new[] { " + literals(requirement.scopes()) + " }).Any())";
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
