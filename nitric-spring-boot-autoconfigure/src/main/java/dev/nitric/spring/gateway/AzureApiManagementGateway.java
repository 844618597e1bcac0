package dev.nitric.spring.gateway;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Azure API Management with the inbound policy the deployer writes for each secured operation. Azure's behaviour is
 * whatever the policy says, so the policy is described here once, by the constants of this class, and both this
 * emulator and the deployer's policy XML are built from them:
 * <ol>
 * <li>{@code <set-header name="X-Forwarded-Authorization" exists-action="delete"/>} (a client's copy is never
 * trusted);</li>
 * <li>{@code <validate-jwt header-name="Authorization" require-scheme="Bearer" require-expiration-time="true"
 * require-signed-tokens="true" clock-skew="0" failed-validation-httpcode="401">} with {@code <openid-config>} of the
 * issuer, {@code <issuers>} and {@code <audiences>} of the security definition;</li>
 * <li>a scope check (any-of over {@code scope}, space-delimited, or {@code scp}, string or array) answering 403 with
 * {@link #FORBIDDEN_BODY};</li>
 * <li>{@code <set-header name="X-Forwarded-Authorization" exists-action="override">} with the caller's
 * {@code Authorization}.</li>
 * </ol>
 * Documented behaviour of {@code validate-jwt} is reproduced: RS256, RS512 and PS256; {@code kid} optional (keys
 * tried in turn); keys cached for an hour and refetched on an unknown {@code kid} at most once per five minutes;
 * {@code exp} required with no skew; answers {@code { "statusCode": 401, "message": "JWT not present." }} or
 * {@code "Invalid JWT."}. Undocumented cases are rejected: other algorithms (RS384, ES256, ...), a raw token without
 * the scheme, another spelling of {@code Bearer}, several {@code Authorization} headers, {@code nbf} in the future,
 * audiences equal only up to a trailing slash, an RSA key under 2048 bits, a {@code crit} header, duplicate or mistyped claims.
 *
 * @see <a href="https://learn.microsoft.com/azure/api-management/validate-jwt-policy">Validate JWT policy</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/api-management-error-handling-policies">Error
 * handling in API Management policies</a>
 */
public final class AzureApiManagementGateway extends EmulatedGateway {

	/** The policy's {@code require-scheme}. */
	public static final String REQUIRED_SCHEME = "Bearer";

	/** The policy's {@code clock-skew}, in seconds. */
	public static final int CLOCK_SKEW_SECONDS = 0;

	/** The policy's {@code failed-validation-httpcode}. */
	public static final int FAILED_VALIDATION_STATUS = 401;

	/** The algorithms {@code validate-jwt} documents for keys from {@code openid-config}. */
	public static final List<String> ALGORITHMS = List.of("RS256", "RS512", "PS256");

	/** The body of the policy's scope check. */
	public static final String FORBIDDEN_BODY = "{ \"statusCode\": 403, \"message\": \"Forbidden. The token does not carry a required scope.\" }";

	/** Key cache: configuration and JWKS pulled every hour; an unknown {@code kid} refetches at most every 5 min. */
	public static final JwksPolicy JWKS_POLICY = new JwksPolicy(Duration.ofHours(1), Duration.ofMinutes(5),
			Duration.ofSeconds(10), 1_000_000);

	/** The message of {@code validate-jwt} when there is no token. */
	public static final String NOT_PRESENT = "JWT not present.";

	/** The message of {@code validate-jwt} when the token is not valid. */
	public static final String INVALID = "Invalid JWT.";

	/**
	 * Create the gateway without a cache of verified tokens.
	 */
	public AzureApiManagementGateway() {
		this(VerifiedTokenCache.disabled());
	}

	/**
	 * Create the gateway with a cache of verified tokens.
	 * @param cache the cache (shared by gateways is fine)
	 */
	public AzureApiManagementGateway(VerifiedTokenCache cache) {
		super(cache);
	}

	@Override
	public TargetCloud cloud() {
		return TargetCloud.AZURE;
	}

	@Override
	public JwksPolicy jwksPolicy() {
		return JWKS_POLICY;
	}

	@Override
	Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now, RequestMemo memo) {
		if (route.isPublic()) {
			return Decision.allow(TargetCloud.AZURE, "public-route", null);
		}
		return route.firstAllowed((requirement, definition) -> check(request, requirement, definition, keys, now, memo));
	}

	private Decision check(GatewayRequest request, SecurityRequirement requirement, SecurityDefinition definition,
			KeyResolver keys, Instant now, RequestMemo memo) {
		List<String> values = request.headerValues("authorization");
		if (values.isEmpty()) {
			return deny(NOT_PRESENT, "missing-token", "TokenNotPresent: no Authorization header");
		}
		if (values.size() > 1) {
			return deny(INVALID, "multiple-tokens",
					"several Authorization headers: undocumented for validate-jwt, so the emulator rejects them");
		}
		String value = values.get(0);
		if (!value.startsWith(REQUIRED_SCHEME + " ")) {
			return deny(NOT_PRESENT, "bad-scheme", "require-scheme=\"Bearer\": the Authorization header does not start "
					+ "with 'Bearer ' (other spellings are undocumented, so the emulator rejects them)");
		}
		String token = memo.slice(value, REQUIRED_SCHEME.length() + 1, value.length());
		if (token.isEmpty() || !token.equals(token.strip())) {
			return deny(INVALID, "bad-scheme", "extra white space around the token is undocumented; rejected");
		}
		Jwt jwt;
		try {
			jwt = memo.parse(this.cache, token, now);
		}
		catch (InvalidJwtException ex) {
			return deny(INVALID, ex.getProblem().reason(), "JwtInvalid: " + ex.getProblem().message());
		}
		if (!ALGORITHMS.contains(jwt.algorithm())) {
			return deny(INVALID, "unsupported-alg", "validate-jwt documents RS256, RS512 and PS256 for keys from "
					+ "openid-config, not " + jwt.algorithm() + "; the emulator rejects undocumented algorithms");
		}
		if (jwt.hasHeader("crit")) {
			return deny(INVALID, "crit-header", "crit headers are undocumented for validate-jwt; rejected");
		}
		JwksResult result = keys.keys(definition);
		if (result instanceof JwksResult.Unavailable unavailable) {
			return deny(INVALID, "jwks-unavailable", "the issuer's configuration could not be fetched: "
					+ unavailable.reason());
		}
		JsonWebKeySet set = ((JwksResult.Keys) result).keys();
		String kid = jwt.keyId();
		if (kid != null && !set.containsKid(kid)) {
			JwksResult refreshed = keys.keysAfterUnknownKid(definition, JWKS_POLICY);
			if (refreshed instanceof JwksResult.Keys refreshedKeys) {
				set = refreshedKeys.keys();
			}
			if (!set.containsKid(kid)) {
				return deny(INVALID, "unknown-kid", "TokenSignatureKeyNotFound: no key with kid '" + kid
						+ "' (Azure refetches the keys on an unknown kid at most once per five minutes)");
			}
		}
		JsonWebKey weak = null;
		for (JsonWebKey key : set.keys()) {
			if ((kid == null || kid.equals(key.kid())) && key.key() instanceof RSAPublicKey rsa
					&& rsa.getModulus().bitLength() < AwsHttpApiGateway.MIN_RSA_BITS) {
				weak = key;
				break;
			}
		}
		if (weak != null) {
			return deny(INVALID, "weak-key", "key '" + weak.kid() + "' has "
					+ ((RSAPublicKey) weak.key()).getModulus().bitLength() + " bits; API Management does not document a "
					+ "minimum RSA size, so the emulator accepts only keys of " + AwsHttpApiGateway.MIN_RSA_BITS
					+ " bits or more");
		}
		if (!verified(jwt, set, memo)) {
			return deny(INVALID, "bad-signature", "TokenSignatureInvalid: the signature does not verify");
		}
		long seconds = now.getEpochSecond();
		Long exp = jwt.numericDate("exp");
		if (exp == null) {
			return deny(INVALID, "missing-exp", "require-expiration-time=\"true\": the token has no exp");
		}
		if (seconds >= exp + CLOCK_SKEW_SECONDS) {
			return deny(INVALID, "expired", "TokenExpired: exp " + exp + " is not after now (" + seconds + "), skew 0");
		}
		Long nbf = jwt.numericDate("nbf");
		if (nbf != null && nbf > seconds + CLOCK_SKEW_SECONDS) {
			return deny(INVALID, "not-yet-valid", "nbf " + nbf + " is after now (" + seconds + "), skew 0");
		}
		if (!String.valueOf(definition.issuer()).equals(jwt.stringClaim("iss"))) {
			return deny(INVALID, "issuer-mismatch", "TokenIssuerNotAllowed: iss '" + jwt.stringClaim("iss")
					+ "' is not '" + definition.issuer() + "'");
		}
		if (!jwt.anyAudienceIn(definition.audiences())) {
			return deny(INVALID, "audience-mismatch", "TokenAudienceNotAllowed: aud " + jwt.audiences()
					+ " names none of " + definition.audiences() + " (exact match)");
		}
		List<String> scopes = jwt.scopes(true);
		if (!Scopes.satisfies(scopes, requirement.scopes())) {
			return Decision.deny(TargetCloud.AZURE, 403, Map.of(), GatewayResponses.JSON, FORBIDDEN_BODY,
					"insufficient-scope", "the policy's scope check: the token carries " + scopes + ", none of "
							+ requirement.scopes());
		}
		return Decision.allow(TargetCloud.AZURE, "valid-token",
				new VerifiedToken(token, definition.name(), jwt.header(), jwt.claims(), scopes));
	}

	private boolean verified(Jwt jwt, JsonWebKeySet keys, RequestMemo memo) {
		for (JsonWebKey key : keys.keys()) {
			if (jwt.keyId() != null && !jwt.keyId().equals(key.kid())) {
				continue;
			}
			if (!"RSA".equals(key.kty()) || (key.alg() != null && !key.alg().equals(jwt.algorithm()))) {
				continue;
			}
			// an RSA key and an RS* or PS* algorithm: Signatures.verify is RSA verification
			if (memo.verifies(this.cache, jwt, key)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The body API Management answers when {@code validate-jwt} fails (status {@value #FAILED_VALIDATION_STATUS}).
	 * @param message {@link #NOT_PRESENT} or {@link #INVALID}
	 * @return the JSON body
	 */
	public static String failedValidationBody(String message) {
		return "{ \"statusCode\": " + FAILED_VALIDATION_STATUS + ", \"message\": " + GatewayResponses.json(message)
				+ " }";
	}

	private static Decision deny(String message, String reason, @Nullable String detail) {
		String body = failedValidationBody(message);
		return Decision.deny(TargetCloud.AZURE, FAILED_VALIDATION_STATUS, Map.of(), GatewayResponses.JSON, body, reason,
				(detail != null) ? detail : reason);
	}

}
