package dev.nitric.spring.gateway;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * AWS API Gateway HTTP API with a JWT authorizer per security definition, as the deployer configures it (identity
 * source {@code $request.header.Authorization}, issuer, audiences, route {@code authorizationScopes}).
 * <p>
 * Documented behaviour is reproduced as documented: {@code Bearer} prefix optional, RSA algorithms only, {@code kid}
 * required and matched against the issuer's JWKS, {@code iss} exact, {@code aud} any-of with {@code client_id} used
 * only when {@code aud} is absent, {@code exp} after and {@code nbf}/{@code iat} not after the current time with no
 * leeway, scopes any-of over {@code scope} or {@code scp} answered with 403, keys cached for up to two hours, request
 * line and headers at most 10 240 bytes. Where AWS documents nothing, the emulator is strict and says so in the
 * decision's detail: lower-case or double-spaced {@code bearer}, {@code PS*} algorithms, a missing {@code exp} or
 * {@code iat}, a {@code scp} or {@code scope} array, an RSA key under 2048 bits, a {@code crit} header, a duplicate claim and a JWK whose
 * {@code alg} differs from the token's are rejected; an unknown {@code kid} does not trigger a fetch.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html">Control
 * access to HTTP APIs with JWT authorizers</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html">
 * Troubleshooting HTTP API JWT authorizers</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html">HTTP API
 * quotas</a>
 */
public final class AwsHttpApiGateway extends EmulatedGateway {

	/** Largest request line plus headers, in bytes (quota). */
	public static final int MAX_HEADER_BYTES = 10_240;

	/** Key cache and fetch limits (two-hour cache; 1 500 ms and 150 000 bytes per fetch). */
	public static final JwksPolicy JWKS_POLICY = new JwksPolicy(Duration.ofHours(2), Duration.ZERO,
			Duration.ofMillis(1500), 150_000);

	/** Smallest RSA key accepted: AWS documents no minimum, so the emulator asks for what current guidance does. */
	public static final int MIN_RSA_BITS = 2048;

	static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

	static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";

	private static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512");

	/**
	 * Create the gateway without a cache of verified tokens.
	 */
	public AwsHttpApiGateway() {
		this(VerifiedTokenCache.disabled());
	}

	/**
	 * Create the gateway with a cache of verified tokens.
	 * @param cache the cache (shared by gateways is fine)
	 */
	public AwsHttpApiGateway(VerifiedTokenCache cache) {
		super(cache);
	}

	@Override
	public TargetCloud cloud() {
		return TargetCloud.AWS;
	}

	@Override
	public JwksPolicy jwksPolicy() {
		return JWKS_POLICY;
	}

	@Override
	Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now, RequestMemo memo) {
		if (request.headerBytesExceed(MAX_HEADER_BYTES)) {
			int headerBytes = memo.headerBytes(request);
			return Decision.deny(TargetCloud.AWS, 431, requestId(), GatewayResponses.JSON,
					"{\"message\":\"Request Header Fields Too Large\"}", "headers-too-large",
					"AWS limits the request line and headers to " + MAX_HEADER_BYTES + " bytes; this request has "
							+ headerBytes + " (the status AWS answers is undocumented: the emulator answers 431)");
		}
		if (route.isPublic()) {
			return Decision.allow(TargetCloud.AWS, "public-route", null);
		}
		return route.firstAllowed((requirement, definition) -> check(request, requirement, definition, keys, now, memo));
	}

	private Decision check(GatewayRequest request, SecurityRequirement requirement, SecurityDefinition definition,
			KeyResolver keys, Instant now, RequestMemo memo) {
		List<String> values = request.headerValues("authorization");
		if (values.isEmpty()) {
			return unauthorized(requirement, null, "missing-token", "no Authorization header (AWS: token not provided)");
		}
		if (values.size() > 1) {
			// AWS joins the values with commas, which is never a JWT
			return unauthorized(requirement, "token contains an invalid number of segments", "multiple-tokens",
					"AWS joins repeated Authorization headers with commas, which is not a JWT");
		}
		String value = values.get(0);
		String token = value.startsWith("Bearer ") ? memo.slice(value, "Bearer ".length(), value.length()) : value;
		if (!token.equals(token.strip()) || token.startsWith("Bearer") || token.regionMatches(true, 0, "bearer ", 0, 7)) {
			return unauthorized(requirement, "token contains an invalid number of segments", "bad-scheme",
					"AWS documents an optional 'Bearer ' prefix; other spellings and extra spaces are undocumented, "
							+ "so the emulator rejects them");
		}
		Jwt jwt;
		try {
			jwt = memo.parse(this.cache, token, now);
		}
		catch (InvalidJwtException ex) {
			return unauthorized(requirement, "token is malformed", ex.getProblem().reason(),
					ex.getProblem().message());
		}
		if (!ALGORITHMS.contains(jwt.algorithm())) {
			String detail = jwt.algorithm().startsWith("PS")
					? "AWS supports only RSA-based algorithms and does not document PS*, so the emulator rejects it"
					: "AWS supports only RSA-based algorithms (RS256, RS384, RS512), not " + jwt.algorithm();
			return unauthorized(requirement, "signing method " + jwt.algorithm() + " is invalid", "unsupported-alg",
					detail);
		}
		if (jwt.hasHeader("crit")) {
			return unauthorized(requirement, "token has a crit header", "crit-header",
					"AWS does not document crit headers; the emulator rejects them (RFC 7515 §4.1.11)");
		}
		String kid = jwt.keyId();
		if (kid == null) {
			return unauthorized(requirement, "token has no kid header", "missing-kid",
					"AWS requires a kid header that matches a key of the issuer's JWKS");
		}
		JwksResult result = keys.keys(definition);
		if (result instanceof JwksResult.Unavailable unavailable) {
			return unauthorized(requirement, "unable to fetch the issuer's keys", "jwks-unavailable",
					"the issuer's JWKS could not be fetched: " + unavailable.reason());
		}
		JsonWebKeySet set = ((JwksResult.Keys) result).keys();
		JsonWebKey key = null;
		for (JsonWebKey candidate : set.keys()) {
			if (kid.equals(candidate.kid())) {
				key = candidate;
				break;
			}
		}
		if (key == null) {
			return unauthorized(requirement, "kid not found in the issuer's keys", "unknown-kid",
					"no key with kid '" + kid + "' in the issuer's JWKS (AWS caches keys up to two hours and does not "
							+ "document a refetch on an unknown kid)");
		}
		if (!"RSA".equals(key.kty()) || (key.alg() != null && !key.alg().equals(jwt.algorithm()))) {
			return unauthorized(requirement, "signature is invalid", "key-mismatch",
					"key '" + kid + "' is " + key.kty() + ((key.alg() != null) ? " for " + key.alg() : "")
							+ " and cannot verify " + jwt.algorithm());
		}
		if (key.key() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
			return unauthorized(requirement, "signature is invalid", "weak-key",
					"key '" + kid + "' has " + rsa.getModulus().bitLength() + " bits; AWS does not document a minimum RSA "
							+ "size, so the emulator accepts only keys of " + MIN_RSA_BITS + " bits or more");
		}
		// an RSA key and an RS* algorithm: Signatures.verify is RSA verification
		if (!memo.verifies(this.cache, jwt, key)) {
			return unauthorized(requirement, "signature is invalid", "bad-signature", "the signature does not verify");
		}
		String issuer = jwt.stringClaim("iss");
		if (!String.valueOf(definition.issuer()).equals(issuer)) {
			return unauthorized(requirement, "issuer does not match", "issuer-mismatch",
					"iss '" + issuer + "' is not the configured issuer '" + definition.issuer() + "' (exact match)");
		}
		if (jwt.claims().containsKey("aud")) {
			if (!jwt.anyAudienceIn(definition.audiences())) {
				return unauthorized(requirement, "the token does not have a valid audience", "audience-mismatch",
						"aud " + jwt.audiences() + " names none of " + definition.audiences());
			}
		}
		else {
			String clientId = jwt.stringClaim("client_id");
			if (clientId == null || !definition.audiences().contains(clientId)) {
				return unauthorized(requirement, "the token does not have a valid audience", "audience-mismatch",
						"no aud, and client_id '" + clientId + "' is none of " + definition.audiences());
			}
		}
		long seconds = now.getEpochSecond();
		Long exp = jwt.numericDate("exp");
		if (exp == null) {
			return unauthorized(requirement, "token has no exp claim", "missing-exp",
					"AWS does not document tokens without exp; the emulator rejects them");
		}
		if (exp <= seconds) {
			return unauthorized(requirement, "token is expired", "expired",
					"exp " + exp + " is not after now (" + seconds + "); AWS documents no leeway");
		}
		Long nbf = jwt.numericDate("nbf");
		if (nbf != null && nbf > seconds) {
			return unauthorized(requirement, "token is not valid yet", "not-yet-valid",
					"nbf " + nbf + " is after now (" + seconds + "); AWS documents no leeway");
		}
		Long iat = jwt.numericDate("iat");
		if (iat == null) {
			return unauthorized(requirement, "token has no iat claim", "missing-iat",
					"AWS checks iat and does not document tokens without it; the emulator rejects them");
		}
		if (iat > seconds) {
			return unauthorized(requirement, "token used before issued", "issued-in-future",
					"iat " + iat + " is after now (" + seconds + "); AWS rejects tokens issued in the future");
		}
		List<String> scopes = jwt.scopes(false);
		if (!Scopes.satisfies(scopes, requirement.scopes())) {
			String expected = String.join(" ", requirement.scopes());
			Map<String, String> headers = requestId();
			headers.put("WWW-Authenticate", "Bearer scope=" + GatewayResponses.quoted(expected)
					+ " error=\"insufficient_scope\" error_description=" + GatewayResponses.quoted("expected scopes: ["
							+ expected + "]"));
			return Decision.deny(TargetCloud.AWS, 403, headers, GatewayResponses.JSON, FORBIDDEN, "insufficient-scope",
					"the token carries " + scopes + " in scope (a string; AWS documents no arrays), none of "
							+ requirement.scopes());
		}
		return Decision.allow(TargetCloud.AWS, "valid-token",
				new VerifiedToken(token, definition.name(), jwt.header(), jwt.claims(), scopes));
	}

	private static Decision unauthorized(SecurityRequirement requirement, @Nullable String description, String reason,
			String detail) {
		Map<String, String> headers = requestId();
		if (description == null) {
			headers.put("WWW-Authenticate", "Bearer");
		}
		else {
			headers.put("WWW-Authenticate",
					"Bearer scope=" + GatewayResponses.quoted(String.join(" ", requirement.scopes()))
							+ " error=\"invalid_token\" error_description=" + GatewayResponses.quoted(description));
		}
		return Decision.deny(TargetCloud.AWS, 401, headers, GatewayResponses.JSON, UNAUTHORIZED, reason, detail);
	}

	private static Map<String, String> requestId() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("apigw-requestid", UUID.randomUUID().toString().substring(0, 16));
		return headers;
	}

}
