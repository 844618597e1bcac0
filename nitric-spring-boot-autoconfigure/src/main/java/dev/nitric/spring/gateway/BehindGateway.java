package dev.nitric.spring.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The application's side of a real cloud gateway ({@code nitric.gateway.mode=behind-gateway}): it trusts the gateway
 * for what the gateway verified, enforces what the gateway did not, and finds the caller where that cloud puts it, so
 * that the application receives the same {@link VerifiedToken} as in emulation. Nothing is fetched and no signature
 * is verified again.
 * <p>
 * A public route is let through with no token, and no identity header is read there: a client may have sent any
 * (the gateways check nothing on public routes). On a secured route, as the deployer configures each gateway:
 * <ul>
 * <li><b>AWS</b> (HTTP API JWT authorizer, HTTP proxy integration): the request reaches the application unchanged,
 * so the caller's token is the {@code Authorization} header ({@code Bearer} prefix optional, as the authorizer
 * allows). The authorizer checked issuer, audience, lifetime, signature and the route's scopes.</li>
 * <li><b>GCP</b> (API Gateway with {@code x-google-backend} and backend authentication): {@code Authorization} holds
 * the gateway's own Google ID token; the caller's {@code Authorization} was moved to
 * {@value #FORWARDED_AUTHORIZATION}, and the verified token's payload is in {@value #GCP_USERINFO}. The caller's
 * token is read from {@value #FORWARDED_AUTHORIZATION} and, when the gateway also sent {@value #GCP_USERINFO}, must
 * carry exactly that payload: the gateway replaces a client's {@value #FORWARDED_AUTHORIZATION} only when the caller
 * used {@code Authorization}, not when the token came in {@code access_token} or {@code X-Goog-Iap-Jwt-Assertion},
 * whereas it always replaces {@value #GCP_USERINFO} on secured routes. Without {@value #FORWARDED_AUTHORIZATION} the
 * claims are read from {@value #GCP_USERINFO} alone (the token value is then empty). GCP's gateway does not check
 * scopes, so they are checked here, with the answer of the emulator ({@link GcpApiGateway}).</li>
 * <li><b>Azure</b> (API Management with the deployer's policy, see {@link AzureApiManagementGateway}): the policy
 * deletes a client's {@value #FORWARDED_AUTHORIZATION}, runs {@code validate-jwt} and the scope check, then sets
 * {@value #FORWARDED_AUTHORIZATION} to the caller's {@code Authorization}; the token is read from there.</li>
 * </ul>
 * A secured request without the identity the gateway adds did not come through the gateway (or the deployment is
 * not the one the deployer writes): it is answered 401 with an RFC 9457 problem, never let through. A forwarded
 * token that does not parse, names an issuer none of the route's definitions has, or (GCP) differs from the
 * gateway's payload header gets the same answer.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html">AWS: JWT
 * authorizers</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html">
 * AWS: HTTP proxy integrations</a>
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt#receiving_authenticated_results_in_your_api">
 * GCP: receiving authenticated results in your API</a>
 * @see <a href="https://cloud.google.com/endpoints/docs/openapi/openapi-extensions#x-google-backend">GCP:
 * x-google-backend (backend authentication, X-Forwarded-Authorization)</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/set-header-policy">Azure: set-header policy</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 (problem details)</a>
 */
public final class BehindGateway {

	/** Problem type of a request that did not come through the gateway. */
	public static final String PROBLEM_TYPE = "https://nitric.dev/spring/problems/not-through-gateway";

	/** The header in which GCP (backend authentication) and our Azure policy pass the caller's authorization. */
	public static final String FORWARDED_AUTHORIZATION = "X-Forwarded-Authorization";

	/** The header in which GCP's API Gateway passes the verified token's payload segment. */
	public static final String GCP_USERINFO = "X-Apigateway-Api-Userinfo";

	/** The header in which ESPv2 (Cloud Endpoints) passes the verified token's payload segment. */
	public static final String ESP_USERINFO = "X-Endpoint-API-UserInfo";

	/** The body of every rejection. */
	public static final String PROBLEM_BODY = "{\"type\":" + GatewayResponses.json(PROBLEM_TYPE)
			+ ",\"title\":\"Unauthorized\",\"status\":401,\"detail\":"
			+ GatewayResponses.json("The request did not come through the API gateway: it carries no caller identity "
					+ "that the gateway vouches for.")
			+ "}";

	private static final String PROBLEM_JSON = "application/problem+json";

	private final TargetCloud cloud;

	private BehindGateway(TargetCloud cloud) {
		this.cloud = cloud;
	}

	/**
	 * The application's side of a cloud's gateway.
	 * @param cloud the cloud the application is deployed on
	 * @return its rules
	 * @throws IllegalArgumentException for {@link TargetCloud#PORTABLE}: an application is deployed behind one
	 * cloud's gateway, whose headers are not the others'
	 */
	public static BehindGateway of(TargetCloud cloud) {
		if (cloud == TargetCloud.PORTABLE) {
			throw new IllegalArgumentException("Behind a real gateway the cloud must be AWS, GCP or Azure, not portable: "
					+ "each cloud passes the caller to the application differently");
		}
		return new BehindGateway(cloud);
	}

	/**
	 * The cloud whose gateway is in front.
	 * @return the cloud
	 */
	public TargetCloud cloud() {
		return this.cloud;
	}

	/**
	 * The identity headers (lower case) that a client may have forged on a secured route of this cloud, because the
	 * gateway passes them through: an application must not see them. The others are set by the gateway there and may
	 * be read: GCP's {@value #GCP_USERINFO} and {@value #FORWARDED_AUTHORIZATION} (checked against each other),
	 * Azure's {@value #FORWARDED_AUTHORIZATION}.
	 * @return the header names
	 */
	public Set<String> untrustedIdentityHeaders() {
		return switch (this.cloud) {
			case GCP -> Set.of(lower(ESP_USERINFO));
			case AZURE -> Set.of(lower(GCP_USERINFO), lower(ESP_USERINFO));
			default -> Set.of(lower(GCP_USERINFO), lower(ESP_USERINFO), lower(FORWARDED_AUTHORIZATION));
		};
	}

	/**
	 * Decide on a request that the gateway let through (or that reached the application another way).
	 * @param request the request
	 * @param route the route's security
	 * @return the decision: allowed with the caller's {@link VerifiedToken} on a secured route, allowed without one
	 * on a public route, or a 401 problem (403 for a missing scope on GCP)
	 */
	public Decision check(GatewayRequest request, RoutePolicy route) {
		if (route.isPublic()) {
			return Decision.allow(this.cloud, "public-route", null);
		}
		return switch (this.cloud) {
			case GCP -> gcp(request, route);
			case AZURE -> azure(request, route);
			default -> aws(request, route);
		};
	}

	private Decision aws(GatewayRequest request, RoutePolicy route) {
		List<String> values = request.headerValues("Authorization");
		if (values.isEmpty()) {
			return notThroughGateway("missing-identity", "no Authorization header on a secured route: AWS's JWT "
					+ "authorizer lets no such request through");
		}
		if (values.size() > 1) {
			return notThroughGateway("malformed-identity", "several Authorization headers: AWS's JWT authorizer lets "
					+ "no such request through");
		}
		String token = values.get(0).strip();
		if (token.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
			token = token.substring("Bearer ".length()).strip();
		}
		Jwt jwt = parse(token);
		if (jwt == null) {
			return malformed("Authorization");
		}
		return allow(route, token, jwt.header(), jwt.claims(), false, "Authorization (verified by AWS's JWT authorizer)");
	}

	private Decision gcp(GatewayRequest request, RoutePolicy route) {
		List<String> forwarded = request.headerValues(FORWARDED_AUTHORIZATION);
		List<String> userinfo = request.headerValues(GCP_USERINFO);
		if (forwarded.size() > 1 || userinfo.size() > 1) {
			return notThroughGateway("malformed-identity", "several " + FORWARDED_AUTHORIZATION + " or " + GCP_USERINFO
					+ " headers: GCP's gateway sets one of each");
		}
		if (!forwarded.isEmpty()) {
			String token = GcpApiGateway.bearerToken(forwarded.get(0));
			Jwt jwt = (token != null) ? parse(token) : null;
			if (jwt == null) {
				return malformed(FORWARDED_AUTHORIZATION);
			}
			if (!userinfo.isEmpty() && !unpadded(userinfo.get(0)).equals(unpadded(jwt.payloadSegment()))) {
				return notThroughGateway("forwarded-token-mismatch", FORWARDED_AUTHORIZATION + " does not carry the "
						+ "payload GCP's gateway verified (" + GCP_USERINFO + "): a client's copy, which the gateway "
						+ "keeps when the token came in access_token or X-Goog-Iap-Jwt-Assertion");
			}
			return allow(route, token, jwt.header(), jwt.claims(), true,
					FORWARDED_AUTHORIZATION + " (verified by GCP's gateway)");
		}
		if (!userinfo.isEmpty()) {
			Map<String, @Nullable Object> claims;
			try {
				claims = Jwt.claims(userinfo.get(0));
			}
			catch (InvalidJwtException ex) {
				return malformed(GCP_USERINFO);
			}
			return allow(route, "", Map.of(), claims, true, GCP_USERINFO + " (verified by GCP's gateway)");
		}
		return notThroughGateway("missing-identity", "neither " + FORWARDED_AUTHORIZATION + " nor " + GCP_USERINFO
				+ " on a secured route: GCP's gateway sets them on every request it lets through");
	}

	private Decision azure(GatewayRequest request, RoutePolicy route) {
		List<String> forwarded = request.headerValues(FORWARDED_AUTHORIZATION);
		if (forwarded.isEmpty()) {
			return notThroughGateway("missing-identity", "no " + FORWARDED_AUTHORIZATION + " on a secured route: the "
					+ "API Management policy sets it on every request it lets through");
		}
		if (forwarded.size() > 1) {
			return notThroughGateway("malformed-identity", "several " + FORWARDED_AUTHORIZATION + " headers: the API "
					+ "Management policy sets one");
		}
		String prefix = AzureApiManagementGateway.REQUIRED_SCHEME + " ";
		String value = forwarded.get(0);
		Jwt jwt = value.startsWith(prefix) ? parse(value.substring(prefix.length())) : null;
		if (jwt == null) {
			return malformed(FORWARDED_AUTHORIZATION);
		}
		return allow(route, jwt.value(), jwt.header(), jwt.claims(), true,
				FORWARDED_AUTHORIZATION + " (set by the API Management policy after validate-jwt)");
	}

	private Decision allow(RoutePolicy route, String token, Map<String, @Nullable Object> header,
			Map<String, @Nullable Object> claims, boolean scopeArrays, String source) {
		String issuer = (claims.get("iss") instanceof String text) ? text : "";
		SecurityDefinition definition = route.definitionIssuedBy(issuer);
		if (definition == null) {
			return notThroughGateway("issuer-mismatch", "the token from " + source + " has iss '" + issuer
					+ "', the issuer of none of this route's security definitions: the gateway would not have let it "
					+ "through (or the deployed gateway's issuers differ from the application's)");
		}
		List<String> scopes = Scopes.of(claims, scopeArrays);
		if (this.cloud == TargetCloud.GCP) {
			Decision insufficient = GcpApiGateway.insufficientScope(route, definition, scopes);
			if (insufficient != null) {
				return insufficient;
			}
		}
		VerifiedToken verified = new VerifiedToken(token, definition.name(), header, claims, scopes);
		return new Decision(this.cloud, true, 0, Map.of(), "", "", "valid-token", "caller read from " + source,
				verified);
	}

	private Decision malformed(String header) {
		return notThroughGateway("malformed-identity", header + " does not hold a token the gateway could have "
				+ "verified");
	}

	private Decision notThroughGateway(String reason, String detail) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("WWW-Authenticate", "Bearer");
		return Decision.deny(this.cloud, 401, headers, PROBLEM_JSON, PROBLEM_BODY, reason,
				"did not come through the gateway: " + detail);
	}

	private static @Nullable Jwt parse(String token) {
		try {
			return Jwt.parse(token);
		}
		catch (InvalidJwtException ex) {
			return null;
		}
	}

	private static String unpadded(String segment) {
		int end = segment.length();
		while (end > 0 && segment.charAt(end - 1) == '=') {
			end--;
		}
		return segment.substring(0, end);
	}

	private static String lower(String header) {
		return header.toLowerCase(Locale.ROOT);
	}

}
