package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * GCP API Gateway, which runs ESPv2 (Envoy's {@code jwt_authn} filter and Google's {@code jwt_verify_lib}), as the
 * deployer configures it ({@code x-google-issuer}, {@code x-google-jwks_uri}, {@code x-google-audiences} always set,
 * default token locations). Read from the open-source components, case by case:
 * <ul>
 * <li>tokens from {@code Authorization} after the case-sensitive prefix {@code "Bearer "}, from
 * {@code X-Goog-Iap-Jwt-Assertion} and from the {@code access_token} query parameter; every token found must verify;
 * <li>checks in the order parse, issuer, time ({@code exp}/{@code nbf} with 60 s of skew; {@code iat} and a missing
 * {@code exp} are not checked), audience (any-of, after removing an {@code http://}/{@code https://} prefix and one
 * trailing {@code /} on both sides; failure is 403), signature (keys by {@code kid} if both have one, JWK {@code alg}
 * must match, verification by the JWK's {@code kty});
 * <li>keys fetched every 295 s in the background, never on an unknown {@code kid};
 * <li>answers {@code {"code":N,"message":"<jwt_verify_lib text>"}} with
 * {@code WWW-Authenticate: Bearer realm="<request URI>"} (plus {@code , error="invalid_token"} unless the token is
 * missing).
 * </ul>
 * GCP's gateway does not enforce scopes. The application does, here and when deployed behind the gateway: a token
 * without a required scope is answered 403 by the application.
 *
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt">Using JWTs to authenticate
 * users</a>
 * @see <a href="https://github.com/google/jwt_verify_lib">jwt_verify_lib</a>
 * @see <a href="https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter">Envoy
 * JWT authentication</a>
 */
public final class GcpApiGateway extends EmulatedGateway {

	/** Largest request headers, in bytes (quota: 60 KB). */
	public static final int MAX_HEADER_BYTES = 60 * 1024;

	/** Clock skew on {@code exp} and {@code nbf}, in seconds ({@code kClockSkewInSecond}). */
	public static final long CLOCK_SKEW_SECONDS = 60;

	/** Key cache: refreshed every 295 s (cache 300 s, async fetch 5 s early), no fetch on an unknown {@code kid}. */
	public static final JwksPolicy JWKS_POLICY = new JwksPolicy(Duration.ofSeconds(295), Duration.ZERO,
			Duration.ofSeconds(30), 1_000_000);

	static final String MISSING = "Jwt is missing";

	/** The characters Envoy keeps in a token: base64, base64url, {@code .} and {@code =}. */
	private static final boolean[] TOKEN_CHARS = new boolean[128];

	static {
		for (char c = 0; c < TOKEN_CHARS.length; c++) {
			TOKEN_CHARS[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == '=' || c == '+' || c == '/';
		}
	}

	/**
	 * Create the gateway without a cache of verified tokens.
	 */
	public GcpApiGateway() {
		this(VerifiedTokenCache.disabled());
	}

	/**
	 * Create the gateway with a cache of verified tokens.
	 * @param cache the cache (shared by gateways is fine)
	 */
	public GcpApiGateway(VerifiedTokenCache cache) {
		super(cache);
	}

	@Override
	public TargetCloud cloud() {
		return TargetCloud.GCP;
	}

	@Override
	public JwksPolicy jwksPolicy() {
		return JWKS_POLICY;
	}

	@Override
	Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now, RequestMemo memo) {
		if (request.headerBytesExceed(MAX_HEADER_BYTES)) {
			int headerBytes = memo.headerBytes(request);
			return Decision.deny(TargetCloud.GCP, 431, Map.of(), GatewayResponses.JSON,
					body(431, "Request Header Fields Too Large"), "headers-too-large",
					"GCP limits request headers to 60 KB; this request has " + headerBytes
							+ " bytes (the exact answer is undocumented: the emulator answers 431)");
		}
		if (route.isPublic()) {
			return Decision.allow(TargetCloud.GCP, "public-route", null);
		}
		List<String> tokens = extract(request, memo);
		if (tokens.isEmpty()) {
			return deny(request, 401, MISSING, "missing-token",
					"no token in 'Authorization: Bearer …' (prefix is case-sensitive), X-Goog-Iap-Jwt-Assertion or "
							+ "access_token",
					false);
		}
		Decision allowed = null;
		for (String token : tokens) {
			Decision decision = verify(request, token, route, keys, now, memo);
			if (!decision.allowed()) {
				return decision;
			}
			if (allowed == null) {
				allowed = decision;
			}
		}
		return allowed;
	}

	private Decision verify(GatewayRequest request, String token, RoutePolicy route, KeyResolver keys, Instant now,
			RequestMemo memo) {
		Jwt jwt;
		try {
			jwt = memo.parse(this.cache, token, now);
		}
		catch (InvalidJwtException ex) {
			return deny(request, 401, ex.getProblem().message(), ex.getProblem().reason(), ex.getProblem().message(),
					true);
		}
		String issuer = (jwt.stringClaim("iss") != null) ? jwt.stringClaim("iss") : "";
		SecurityDefinition definition = route.definitionIssuedBy(issuer);
		if (definition == null) {
			return deny(request, 401, "Jwt issuer is not configured", "issuer-mismatch",
					"iss '" + issuer + "' is not the issuer of any security definition of this route (exact match)", true);
		}
		long seconds = now.getEpochSecond();
		Long nbf = jwt.numericDate("nbf");
		if (nbf != null && seconds + CLOCK_SKEW_SECONDS < nbf) {
			return deny(request, 401, "Jwt not yet valid", "not-yet-valid",
					"nbf " + nbf + " is more than 60 s after now (" + seconds + ")", true);
		}
		Long exp = jwt.numericDate("exp");
		if (exp != null && seconds - CLOCK_SKEW_SECONDS > exp) {
			return deny(request, 401, "Jwt is expired", "expired",
					"exp " + exp + " is more than 60 s before now (" + seconds + ")", true);
		}
		if (!audienceAllowed(jwt.audiences(), definition.audiences())) {
			return deny(request, 403, "Audiences in Jwt are not allowed", "audience-mismatch",
					"aud " + jwt.audiences() + " names none of " + definition.audiences()
							+ " (compared without http(s):// and a trailing /)",
					true);
		}
		JwksResult result = keys.keys(definition);
		if (result instanceof JwksResult.Unavailable unavailable) {
			return deny(request, 401, "Jwks remote fetch is failed", "jwks-unavailable",
					"the issuer's JWKS could not be fetched: " + unavailable.reason(), true);
		}
		String failure = verifySignature(jwt, ((JwksResult.Keys) result).keys(), memo);
		if (failure != null) {
			boolean mismatch = failure.startsWith("Jwks");
			return deny(request, 401, failure, mismatch ? "unknown-kid" : "bad-signature",
					mismatch ? "no JWK matches the token's kid and alg (GCP does not refetch keys on an unknown kid)"
							: "the signature does not verify with any matching JWK",
					true);
		}
		List<String> scopes = jwt.scopes(true);
		Decision insufficient = insufficientScope(route, definition, scopes);
		if (insufficient != null) {
			return insufficient;
		}
		return Decision.allow(TargetCloud.GCP, "valid-token",
				new VerifiedToken(token, definition.name(), jwt.header(), jwt.claims(), scopes));
	}

	/**
	 * The scope check GCP's gateway does not make and the application does, in emulation and behind the real
	 * gateway alike: any-of over the route's alternatives for the token's definition.
	 * @param route the route
	 * @param definition the definition the token satisfied
	 * @param scopes the token's scopes ({@code scope} or {@code scp}, strings or arrays)
	 * @return the 403 decision, or {@code null} when a requirement's scopes are met
	 */
	static @Nullable Decision insufficientScope(RoutePolicy route, SecurityDefinition definition, List<String> scopes) {
		for (SecurityRequirement candidate : route.requirements()) {
			if (candidate.definition().equals(definition.name()) && Scopes.satisfies(scopes, candidate.scopes())) {
				return null;
			}
		}
		List<SecurityRequirement> alternatives = route.requirements()
			.stream()
			.filter((candidate) -> candidate.definition().equals(definition.name()))
			.toList();
		List<String> required = alternatives.stream()
			.flatMap((candidate) -> candidate.scopes().stream())
			.distinct()
			.toList();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope="
				+ GatewayResponses.quoted(String.join(" ", required)));
		return Decision.deny(TargetCloud.GCP, 403, headers, GatewayResponses.JSON,
				body(403, "Jwt does not carry any of the required scopes"), "insufficient-scope",
				"GCP's gateway ignores scopes, so the application enforces them (locally and in the cloud): the token "
						+ "carries " + scopes + ", none of " + required);
	}

	/**
	 * Verify as {@code jwt_verify_lib} does: skip a JWK whose {@code kid} differs (when both have one) or whose
	 * {@code alg} differs; verify by the JWK's {@code kty}.
	 * @return {@code null} when verified, else the status text
	 */
	private @Nullable String verifySignature(Jwt jwt, JsonWebKeySet keys, RequestMemo memo) {
		boolean matched = false;
		String alg = jwt.algorithm();
		for (JsonWebKey key : keys.keys()) {
			if (jwt.keyId() != null && key.kid() != null && !jwt.keyId().equals(key.kid())) {
				continue;
			}
			if (key.alg() != null && !key.alg().equals(alg)) {
				continue;
			}
			matched = true;
			if (memo.verifies(this.cache, jwt, key)) {
				return null;
			}
		}
		return matched ? "Jwt verification fails" : "Jwks doesn't have key to match kid or alg from Jwt";
	}

	/** Every token in the default locations, in Envoy's order. */
	private static List<String> extract(GatewayRequest request, RequestMemo memo) {
		List<String> tokens = new ArrayList<>(2);
		for (String value : request.headerValues("authorization")) {
			String token = bearerToken(value, memo);
			if (token != null) {
				tokens.add(token);
			}
		}
		for (String value : request.headerValues("x-goog-iap-jwt-assertion")) {
			if (!value.isEmpty()) {
				tokens.add(value);
			}
		}
		for (String value : request.queryValues("access_token")) {
			if (!value.isEmpty()) {
				tokens.add(value);
			}
		}
		return tokens;
	}

	/**
	 * The token of an {@code Authorization} value as Envoy extracts it: after the case-sensitive prefix
	 * {@code "Bearer "} (anywhere in the value), skipping characters that cannot be part of a token.
	 * @param value the header value
	 * @return the token, or {@code null} when there is none
	 */
	static @Nullable String bearerToken(String value) {
		return bearerToken(value, null);
	}

	private static @Nullable String bearerToken(String value, @Nullable RequestMemo memo) {
		int prefix = value.indexOf("Bearer ");
		if (prefix < 0) {
			return null;
		}
		int length = value.length();
		int begin = prefix + "Bearer ".length();
		if (memo != null) {
			// A token that parsed is made of base64url characters, '.' and '=' only, which Envoy all keeps: when
			// another cloud's gateway has parsed the rest of this very value as a token, the scan takes all of it.
			String parsed = memo.parsedSlice(value, begin);
			if (parsed != null) {
				return parsed;
			}
		}
		while (begin < length && !isTokenChar(value.charAt(begin))) {
			begin++;
		}
		int end = begin;
		while (end < length && isTokenChar(value.charAt(end))) {
			end++;
		}
		if (end == begin) {
			return null;
		}
		return (memo != null) ? memo.slice(value, begin, end) : value.substring(begin, end);
	}

	private static boolean isTokenChar(char c) {
		return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
	}

	/** Whether an audience of the token is allowed, both compared {@link #sanitize sanitized}. */
	private static boolean audienceAllowed(List<String> audiences, List<String> allowed) {
		for (String audience : audiences) {
			String sanitized = sanitize(audience);
			for (String candidate : allowed) {
				if (sanitize(candidate).equals(sanitized)) {
					return true;
				}
			}
		}
		return false;
	}

	/** {@code check_audience.cc}: drop an {@code http://} or {@code https://} prefix and one trailing {@code /}. */
	static String sanitize(String audience) {
		String value = audience;
		if (value.startsWith("https://")) {
			value = value.substring("https://".length());
		}
		else if (value.startsWith("http://")) {
			value = value.substring("http://".length());
		}
		if (value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		return value;
	}

	private static Decision deny(GatewayRequest request, int status, String message, String reason, String detail,
			boolean invalidToken) {
		String uri = request.requestUri();
		String realm = (uri.length() > 256) ? uri.substring(0, 256) : uri;
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("WWW-Authenticate",
				"Bearer realm=" + GatewayResponses.quoted(realm) + (invalidToken ? ", error=\"invalid_token\"" : ""));
		return Decision.deny(TargetCloud.GCP, status, headers, GatewayResponses.JSON, body(status, message), reason,
				detail);
	}

	static String body(int status, String message) {
		return "{\"code\":" + status + ",\"message\":" + GatewayResponses.json(message) + "}";
	}

}
