package dev.nitric.spring.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWS as the gateways parse it, before any key or claim is checked. Parsing follows Google's
 * {@code jwt_verify_lib} (the library GCP's gateway runs), the most precise of the three: three non-empty base64url
 * segments, strict JSON (a duplicate member name is an error), a string {@code alg} among the implemented ones, and
 * typed registered claims.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-7.1">RFC 7515 §7.1 (compact serialization)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1 (registered claims)</a>
 */
public final class Jwt {

	/** The algorithms {@code jwt_verify_lib} implements. */
	public static final Set<String> IMPLEMENTED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
			"PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA");

	private static final BigDecimal MAX_INT64 = new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE));

	private final String value;

	private final Map<String, @Nullable Object> header;

	private final Map<String, @Nullable Object> claims;

	private final String payloadSegment;

	private final byte[] signingInput;

	private final byte[] signature;

	// Read on every request by every gateway, and a parsed token is shared through the cache: worked out once.

	private final @Nullable Long exp;

	private final @Nullable Long nbf;

	private final @Nullable Long iat;

	private final List<String> audiences;

	private @Nullable List<String> stringScopes;

	private @Nullable List<String> allScopes;

	private Jwt(String value, Map<String, @Nullable Object> header, Map<String, @Nullable Object> claims,
			String payloadSegment, byte[] signingInput, byte[] signature) {
		this.value = value;
		this.header = Collections.unmodifiableMap(header);
		this.claims = Collections.unmodifiableMap(claims);
		this.payloadSegment = payloadSegment;
		this.signingInput = signingInput;
		this.signature = signature;
		this.exp = numericDate(claims, "exp");
		this.nbf = numericDate(claims, "nbf");
		this.iat = numericDate(claims, "iat");
		this.audiences = audiences(claims.get("aud"));
	}

	/**
	 * Parse a compact JWT.
	 * @param token the token
	 * @return the parsed token
	 * @throws InvalidJwtException naming the first problem, in {@code jwt_verify_lib}'s order
	 */
	public static Jwt parse(String token) {
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3 || Arrays.stream(segments).anyMatch(String::isEmpty)) {
			throw new InvalidJwtException(JwtProblem.BAD_FORMAT);
		}
		Map<String, @Nullable Object> header = object(segments[0], JwtProblem.HEADER_BAD_BASE64,
				JwtProblem.HEADER_BAD_JSON);
		if (!(header.get("alg") instanceof String alg)) {
			throw new InvalidJwtException(JwtProblem.HEADER_BAD_ALG);
		}
		if (!IMPLEMENTED_ALGORITHMS.contains(alg)) {
			throw new InvalidJwtException(JwtProblem.HEADER_ALG_NOT_IMPLEMENTED);
		}
		if (header.containsKey("kid") && !(header.get("kid") instanceof String)) {
			throw new InvalidJwtException(JwtProblem.HEADER_BAD_KID);
		}
		Map<String, @Nullable Object> claims = claims(segments[1]);
		byte[] signature = decode(segments[2], JwtProblem.SIGNATURE_BAD_BASE64);
		byte[] signingInput = (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII);
		return new Jwt(token, header, claims, segments[1], signingInput, signature);
	}

	/**
	 * Parse a payload segment alone, with the checks {@link #parse(String)} applies to it: base64url (padding
	 * tolerated), strict JSON object, typed registered claims. GCP's gateway forwards this segment of a verified token
	 * in {@code X-Apigateway-Api-Userinfo}.
	 * @param payloadSegment the base64url payload segment
	 * @return the claims
	 * @throws InvalidJwtException naming the first problem
	 */
	static Map<String, @Nullable Object> claims(String payloadSegment) {
		if (payloadSegment.isEmpty()) {
			throw new InvalidJwtException(JwtProblem.PAYLOAD_BAD_BASE64);
		}
		Map<String, @Nullable Object> claims = object(payloadSegment, JwtProblem.PAYLOAD_BAD_BASE64,
				JwtProblem.PAYLOAD_BAD_JSON);
		checkString(claims, "iss", JwtProblem.ISS_NOT_STRING);
		checkString(claims, "sub", JwtProblem.SUB_NOT_STRING);
		checkNumericDate(claims, "iat", JwtProblem.IAT_NOT_INTEGER, JwtProblem.IAT_OUT_OF_RANGE);
		checkNumericDate(claims, "nbf", JwtProblem.NBF_NOT_INTEGER, JwtProblem.NBF_OUT_OF_RANGE);
		checkNumericDate(claims, "exp", JwtProblem.EXP_NOT_INTEGER, JwtProblem.EXP_OUT_OF_RANGE);
		checkString(claims, "jti", JwtProblem.JTI_NOT_STRING);
		if (claims.containsKey("aud")) {
			Object aud = claims.get("aud");
			boolean valid = (aud instanceof String)
					|| (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance));
			if (!valid) {
				throw new InvalidJwtException(JwtProblem.AUD_NOT_STRING_OR_LIST);
			}
		}
		return claims;
	}

	private static Map<String, @Nullable Object> object(String segment, JwtProblem badBase64, JwtProblem badJson) {
		byte[] bytes = decode(segment, badBase64);
		Object parsed;
		try {
			parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJwtException(badJson);
		}
		if (!(parsed instanceof Map<?, ?> map)) {
			throw new InvalidJwtException(badJson);
		}
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> object = (Map<String, @Nullable Object>) map;
		return object;
	}

	private static byte[] decode(String segment, JwtProblem problem) {
		String unpadded = segment;
		while (unpadded.endsWith("=")) {
			unpadded = unpadded.substring(0, unpadded.length() - 1);
		}
		for (int i = 0; i < unpadded.length(); i++) {
			char c = unpadded.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				throw new InvalidJwtException(problem);
			}
		}
		try {
			return Base64.getUrlDecoder().decode(unpadded);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJwtException(problem);
		}
	}

	private static void checkString(Map<String, @Nullable Object> claims, String name, JwtProblem problem) {
		if (claims.containsKey(name) && !(claims.get(name) instanceof String)) {
			throw new InvalidJwtException(problem);
		}
	}

	private static void checkNumericDate(Map<String, @Nullable Object> claims, String name, JwtProblem notInteger,
			JwtProblem outOfRange) {
		if (!claims.containsKey(name)) {
			return;
		}
		if (!(claims.get(name) instanceof BigDecimal number)) {
			throw new InvalidJwtException(notInteger);
		}
		if (number.signum() < 0 || number.compareTo(MAX_INT64) > 0) {
			throw new InvalidJwtException(outOfRange);
		}
	}

	/**
	 * The compact token.
	 * @return the token
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The JOSE header.
	 * @return the header members
	 */
	public Map<String, @Nullable Object> header() {
		return this.header;
	}

	/**
	 * The claims.
	 * @return the payload members
	 */
	public Map<String, @Nullable Object> claims() {
		return this.claims;
	}

	/**
	 * The {@code alg} header.
	 * @return the algorithm
	 */
	public String algorithm() {
		return (String) this.header.get("alg");
	}

	/**
	 * The {@code kid} header.
	 * @return the key id, or {@code null}
	 */
	public @Nullable String keyId() {
		return (String) this.header.get("kid");
	}

	/**
	 * Whether the header names a member ({@code jku}, {@code x5u}, {@code jwk}, {@code crit}, ...).
	 * @param name the member
	 * @return {@code true} if present
	 */
	public boolean hasHeader(String name) {
		return this.header.containsKey(name);
	}

	/**
	 * A string claim.
	 * @param name the claim
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String stringClaim(String name) {
		return (this.claims.get(name) instanceof String text) ? text : null;
	}

	/**
	 * A numeric date claim, fractions truncated.
	 * @param name the claim
	 * @return the seconds since the epoch, or {@code null} when absent
	 */
	public @Nullable Long numericDate(String name) {
		return switch (name) {
			case "exp" -> this.exp;
			case "nbf" -> this.nbf;
			case "iat" -> this.iat;
			default -> numericDate(this.claims, name);
		};
	}

	private static @Nullable Long numericDate(Map<String, @Nullable Object> claims, String name) {
		return (claims.get(name) instanceof BigDecimal number) ? number.longValue() : null;
	}

	/**
	 * The audiences: the {@code aud} string as a one-element list, or the {@code aud} array.
	 * @return the audiences, unmodifiable; empty when absent
	 */
	public List<String> audiences() {
		return this.audiences;
	}

	private static List<String> audiences(@Nullable Object aud) {
		if (aud instanceof String text) {
			return List.of(text);
		}
		if (aud instanceof List<?> list) {
			// parse() checked that every element is a string
			List<String> audiences = new ArrayList<>(list.size());
			list.forEach((element) -> audiences.add((String) element));
			return Collections.unmodifiableList(audiences);
		}
		return List.of();
	}

	/**
	 * Whether an audience of the token is one of the given ones (exact match).
	 * @param allowed the allowed audiences
	 * @return {@code true} if one is
	 */
	boolean anyAudienceIn(List<String> allowed) {
		for (String audience : this.audiences) {
			if (allowed.contains(audience)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The scopes the token carries, as {@link Scopes#of(Map, boolean)} reads them, worked out once per parsed token.
	 * @param arrays whether JSON arrays count or only strings
	 * @return the scopes, unmodifiable
	 */
	List<String> scopes(boolean arrays) {
		// racy but benign: an immutable list, the same whichever thread computes it first
		List<String> scopes = arrays ? this.allScopes : this.stringScopes;
		if (scopes == null) {
			scopes = List.copyOf(Scopes.of(this.claims, arrays));
			if (arrays) {
				this.allScopes = scopes;
			}
			else {
				this.stringScopes = scopes;
			}
		}
		return scopes;
	}

	/**
	 * The payload segment as sent, which GCP forwards in {@code X-Apigateway-Api-Userinfo}.
	 * @return the base64url payload segment
	 */
	public String payloadSegment() {
		return this.payloadSegment;
	}

	/**
	 * The bytes the signature covers: {@code header.payload} in ASCII.
	 * @return the signing input
	 */
	public byte[] signingInput() {
		return this.signingInput.clone();
	}

	/**
	 * The decoded signature.
	 * @return the signature bytes
	 */
	public byte[] signature() {
		return this.signature.clone();
	}

}
