package dev.nitric.spring.test.issuers;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.gateway.JsonWebKey;
import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture: a compact JWS split into its header and payload, with a plain-JCA signature check, independent of
 * any JOSE library, so that tests can inspect and verify what an {@link OidcIssuer} minted.
 *
 * @param header the decoded JOSE header
 * @param payload the decoded claims
 * @param signingInput the first two segments, as signed
 * @param signature the decoded signature
 */
public record CompactJwt(Map<String, @Nullable Object> header, Map<String, @Nullable Object> payload,
		String signingInput, byte[] signature) {

	/**
	 * Split and decode a compact JWS.
	 * @param token the token
	 * @return the parts
	 * @throws IllegalArgumentException if it is not three base64url segments with JSON objects in the first two
	 */
	public static CompactJwt parse(String token) {
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3) {
			throw new IllegalArgumentException("A compact JWS has three segments, not " + segments.length);
		}
		return new CompactJwt(object(segments[0]), object(segments[1]), segments[0] + "." + segments[1],
				Base64.getUrlDecoder().decode(segments[2]));
	}

	/**
	 * A header parameter as text.
	 * @param name the parameter
	 * @return its value, or {@code null} if absent or not a string
	 */
	public @Nullable String headerText(String name) {
		return (this.header.get(name) instanceof String value) ? value : null;
	}

	/**
	 * A claim as text.
	 * @param name the claim
	 * @return its value, or {@code null} if absent or not a string
	 */
	public @Nullable String claimText(String name) {
		return (this.payload.get(name) instanceof String value) ? value : null;
	}

	/**
	 * The {@code aud} claim as a list, whether it is a string or an array.
	 * @return the audiences; empty if absent
	 */
	public List<String> audiences() {
		Object aud = this.payload.get("aud");
		if (aud instanceof String single) {
			return List.of(single);
		}
		if (aud instanceof List<?> many) {
			return many.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	/**
	 * Whether the signature verifies with the key of the set that the header's {@code kid} names. Supports RS256,
	 * RS384, RS512, ES256, ES384 and ES512 (JOSE's {@code r || s} signature is converted to DER for JCA).
	 * @param keys the issuer's key set
	 * @return {@code true} if a key with the {@code kid} exists and the signature verifies with it
	 */
	public boolean verifiesWith(JsonWebKeySet keys) {
		String kid = headerText("kid");
		String alg = headerText("alg");
		if (kid == null || alg == null) {
			return false;
		}
		for (JsonWebKey key : keys.keys()) {
			if (kid.equals(key.kid())) {
				return verifiesWith(key, alg);
			}
		}
		return false;
	}

	private boolean verifiesWith(JsonWebKey key, String alg) {
		try {
			String jca = switch (alg) {
				case "RS256" -> "SHA256withRSA";
				case "RS384" -> "SHA384withRSA";
				case "RS512" -> "SHA512withRSA";
				case "ES256" -> "SHA256withECDSA";
				case "ES384" -> "SHA384withECDSA";
				case "ES512" -> "SHA512withECDSA";
				default -> throw new IllegalArgumentException("Unsupported alg " + alg);
			};
			Signature verifier = Signature.getInstance(jca);
			verifier.initVerify((PublicKey) key.key());
			verifier.update(this.signingInput.getBytes(StandardCharsets.US_ASCII));
			return verifier.verify(alg.startsWith("ES") ? joseToDer(this.signature) : this.signature);
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			return false;
		}
	}

	/**
	 * Convert a JOSE ECDSA signature ({@code r || s}, each the curve's length) to the DER {@code SEQUENCE} of two
	 * {@code INTEGER}s that JCA expects.
	 * @param jose the JOSE signature
	 * @return the DER signature
	 */
	public static byte[] joseToDer(byte[] jose) {
		if (jose.length == 0 || jose.length % 2 != 0) {
			throw new IllegalArgumentException("A JOSE ECDSA signature has two halves of equal length");
		}
		int half = jose.length / 2;
		byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, half)).toByteArray();
		byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, half, jose.length)).toByteArray();
		byte[] body = concat(derInteger(r), derInteger(s));
		return concat(derHeader(0x30, body.length), body);
	}

	private static byte[] derInteger(byte[] value) {
		return concat(derHeader(0x02, value.length), value);
	}

	private static byte[] derHeader(int tag, int length) {
		if (length < 0x80) {
			return new byte[] { (byte) tag, (byte) length };
		}
		if (length < 0x100) {
			return new byte[] { (byte) tag, (byte) 0x81, (byte) length };
		}
		return new byte[] { (byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length };
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> object(String segment) {
		String json = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
		if (!(Json.parse(json) instanceof Map<?, ?> object)) {
			throw new IllegalArgumentException("A JWS header or payload is a JSON object: " + json);
		}
		return (Map<String, @Nullable Object>) object;
	}

	@Override
	public String toString() {
		return "CompactJwt[header=" + this.header + ", payload=" + this.payload + "]";
	}

}
