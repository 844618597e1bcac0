package dev.nitric.spring.gateway;

/**
 * What can be wrong with a token before its claims are checked, each with the exact status text of Google's
 * {@code jwt_verify_lib} (what GCP's gateway answers) and a short reason code.
 *
 * @see <a href="https://github.com/google/jwt_verify_lib/blob/master/src/status.cc">jwt_verify_lib status.cc</a>
 */
public enum JwtProblem {

	/** Not three non-empty dot-separated segments. */
	BAD_FORMAT("malformed-token", "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections"),

	/** Header segment is not base64url. */
	HEADER_BAD_BASE64("malformed-token", "Jwt header is an invalid Base64url encoded"),

	/** Header is not a JSON object (or has duplicate members). */
	HEADER_BAD_JSON("malformed-token", "Jwt header is an invalid JSON"),

	/** {@code alg} missing or not a string. */
	HEADER_BAD_ALG("unsupported-alg", "Jwt header [alg] field is required and must be a string"),

	/** {@code alg} not one the library implements. */
	HEADER_ALG_NOT_IMPLEMENTED("unsupported-alg", "Jwt header [alg] is not supported"),

	/** {@code kid} present but not a string. */
	HEADER_BAD_KID("malformed-token", "Jwt header [kid] field is not a string"),

	/** Payload segment is not base64url. */
	PAYLOAD_BAD_BASE64("malformed-token", "Jwt payload is an invalid Base64url encoded"),

	/** Payload is not a JSON object (or has duplicate members). */
	PAYLOAD_BAD_JSON("malformed-token", "Jwt payload is an invalid JSON"),

	/** {@code iss} not a string. */
	ISS_NOT_STRING("invalid-claim-type", "Jwt payload [iss] field is not a string"),

	/** {@code sub} not a string. */
	SUB_NOT_STRING("invalid-claim-type", "Jwt payload [sub] field is not a string"),

	/** {@code jti} not a string. */
	JTI_NOT_STRING("invalid-claim-type", "Jwt payload [jti] field is not a string"),

	/** {@code iat} not a number. */
	IAT_NOT_INTEGER("invalid-claim-type", "Jwt payload [iat] field is not an integer"),

	/** {@code iat} negative or too large. */
	IAT_OUT_OF_RANGE("invalid-claim-type", "Jwt payload [iat] field is not a positive 64 bit integer"),

	/** {@code nbf} not a number. */
	NBF_NOT_INTEGER("invalid-claim-type", "Jwt payload [nbf] field is not an integer"),

	/** {@code nbf} negative or too large. */
	NBF_OUT_OF_RANGE("invalid-claim-type", "Jwt payload [nbf] field is not a positive 64 bit integer"),

	/** {@code exp} not a number. */
	EXP_NOT_INTEGER("invalid-claim-type", "Jwt payload [exp] field is not an integer"),

	/** {@code exp} negative or too large. */
	EXP_OUT_OF_RANGE("invalid-claim-type", "Jwt payload [exp] field is not a positive 64 bit integer"),

	/** {@code aud} neither a string nor a list of strings. */
	AUD_NOT_STRING_OR_LIST("invalid-claim-type", "Jwt payload [aud] field is not a string or string list"),

	/** Signature segment is not base64url. */
	SIGNATURE_BAD_BASE64("malformed-token", "Jwt signature is an invalid Base64url encoded");

	private final String reason;

	private final String message;

	JwtProblem(String reason, String message) {
		this.reason = reason;
		this.message = message;
	}

	/**
	 * The short reason code for logs and metrics.
	 * @return the code
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * The status text of {@code jwt_verify_lib}.
	 * @return the text
	 */
	public String message() {
		return this.message;
	}

}
