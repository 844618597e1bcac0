package dev.nitric.spring.gateway;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.nitric.spring.gateway.TestKeys.TestKey;
import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * Builds compact JWS tokens for gateway tests, signed with the JDK's providers: {@code RS*}, {@code PS*},
 * {@code ES*} (DER converted to JOSE {@code r || s}), {@code HS*} and {@code EdDSA}. {@link #baseline()} starts from
 * the baseline token of {@code gateways.md} §5.0 at the fixed instant {@link #NOW}; escape hatches give raw header or
 * payload JSON (duplicate members, wrong types) and raw segments (bad base64, wrong segment counts).
 */
public final class TestJwts {

	/** The fixed "current time" of gateway tests. */
	public static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	/** A clock fixed at {@link #NOW}. */
	public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	/** The baseline issuer. */
	public static final String ISSUER = "https://idp.example.com";

	/** The baseline audience. */
	public static final String AUDIENCE = "orders-api";

	private TestJwts() {
	}

	/**
	 * The baseline token of {@code gateways.md} §5.0 at {@link #NOW}: header
	 * {@code {"alg":"RS256","kid":"k1","typ":"JWT"}}, payload
	 * {@code {"iss":"https://idp.example.com","aud":"orders-api","sub":"u1","iat":now-10,"exp":now+600,"scope":"a b"}},
	 * signed with {@link TestKeys#k1()}.
	 * @return a builder
	 */
	public static Builder baseline() {
		return baseline(NOW);
	}

	/**
	 * The baseline token at the given instant.
	 * @param now the current time
	 * @return a builder
	 */
	public static Builder baseline(Instant now) {
		long seconds = now.getEpochSecond();
		return builder().signedWith(TestKeys.k1())
			.header("typ", "JWT")
			.claim("iss", ISSUER)
			.claim("aud", AUDIENCE)
			.claim("sub", "u1")
			.claim("iat", seconds - 10)
			.claim("exp", seconds + 600)
			.claim("scope", "a b");
	}

	/**
	 * An empty builder: no header member, no claim, no key.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Base64url without padding of UTF-8 text.
	 * @param text the text
	 * @return the encoded text
	 */
	public static String encode(String text) {
		return encode(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Base64url without padding.
	 * @param bytes the bytes
	 * @return the encoded bytes
	 */
	public static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Join raw segments with dots.
	 * @param segments the segments, used as given
	 * @return the compact token
	 */
	public static String compact(String... segments) {
		return String.join(".", segments);
	}

	/**
	 * The dot-separated segments of a token.
	 * @param token the token
	 * @return its segments
	 */
	public static List<String> segments(String token) {
		return List.of(token.split("\\.", -1));
	}

	/**
	 * Replace one segment of a token, keeping the others (for example a tampered payload with the original
	 * signature).
	 * @param token the token
	 * @param index the segment's index (0 header, 1 payload, 2 signature)
	 * @param segment the new segment
	 * @return the new token
	 */
	public static String replaceSegment(String token, int index, String segment) {
		String[] segments = token.split("\\.", -1);
		segments[index] = segment;
		return String.join(".", segments);
	}

	/**
	 * Sign bytes with a key as a JWS algorithm does, returning the JOSE signature bytes.
	 * @param alg the JWS algorithm
	 * @param key the key
	 * @param input the signing input
	 * @return the signature
	 */
	public static byte[] sign(String alg, TestKey key, byte[] input) {
		try {
			if (alg.startsWith("HS")) {
				String name = "HmacSHA" + bits(alg);
				Mac mac = Mac.getInstance(name);
				mac.init(new SecretKeySpec(key.signingKey().getEncoded(), name));
				return mac.doFinal(input);
			}
			PrivateKey privateKey = (PrivateKey) key.signingKey();
			Signature signer;
			if (alg.startsWith("RS")) {
				signer = Signature.getInstance("SHA" + bits(alg) + "withRSA");
			}
			else if (alg.startsWith("PS")) {
				signer = Signature.getInstance("RSASSA-PSS");
				String digest = "SHA-" + bits(alg);
				signer.setParameter(
						new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits(alg) / 8, 1));
			}
			else if (alg.startsWith("ES")) {
				signer = Signature.getInstance("SHA" + bits(alg) + "withECDSA");
			}
			else if (alg.equals("EdDSA")) {
				signer = Signature.getInstance("Ed25519");
			}
			else {
				throw new IllegalArgumentException("Cannot sign with " + alg);
			}
			signer.initSign(privateKey);
			signer.update(input);
			byte[] signature = signer.sign();
			if (alg.startsWith("ES")) {
				int size = (((java.security.interfaces.ECKey) privateKey).getParams().getCurve().getField().getFieldSize()
						+ 7) / 8;
				return derToJose(signature, size);
			}
			return signature;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign with " + alg, ex);
		}
	}

	private static int bits(String alg) {
		if (alg.endsWith("384")) {
			return 384;
		}
		return alg.endsWith("512") ? 512 : 256;
	}

	/** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to fixed-size {@code r || s}. */
	private static byte[] derToJose(byte[] der, int size) {
		int offset = 2;
		if ((der[1] & 0xff) == 0x81) {
			offset = 3;
		}
		int rLength = der[offset + 1];
		BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength));
		int sOffset = offset + 2 + rLength;
		int sLength = der[sOffset + 1];
		BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + sLength));
		byte[] jose = new byte[2 * size];
		copyFixed(r, jose, 0, size);
		copyFixed(s, jose, size, size);
		return jose;
	}

	private static void copyFixed(BigInteger value, byte[] out, int offset, int size) {
		byte[] bytes = value.toByteArray();
		int copy = Math.min(bytes.length, size);
		System.arraycopy(bytes, bytes.length - copy, out, offset + size - copy, copy);
	}

	/**
	 * Render a value as JSON: strings, numbers, booleans, {@code null}, lists and maps (insertion order kept).
	 * @param value the value
	 * @return the JSON text
	 */
	public static String json(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String text) {
			return Json.quote(text);
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Map<?, ?> map) {
			StringJoiner json = new StringJoiner(",", "{", "}");
			map.forEach((name, member) -> json.add(Json.quote(String.valueOf(name)) + ":" + json(member)));
			return json.toString();
		}
		if (value instanceof List<?> list) {
			StringJoiner json = new StringJoiner(",", "[", "]");
			list.forEach((element) -> json.add(json(element)));
			return json.toString();
		}
		throw new IllegalArgumentException("Cannot render " + value.getClass().getName() + " as JSON");
	}

	/**
	 * A token under construction. Header members and claims keep insertion order.
	 */
	public static final class Builder {

		private final Map<String, @Nullable Object> header = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();

		private @Nullable TestKey key;

		private @Nullable String signingAlgorithm;

		private @Nullable String rawHeader;

		private @Nullable String rawPayload;

		private Builder() {
		}

		/**
		 * Sign with a key and announce it: sets the header's {@code alg} to the key's algorithm and {@code kid} to
		 * the key's id (removed when the key has none).
		 * @param key the key
		 * @return this builder
		 */
		public Builder signedWith(TestKey key) {
			this.key = key;
			this.header.put("alg", key.alg());
			if (key.kid() != null) {
				this.header.put("kid", key.kid());
			}
			else {
				this.header.remove("kid");
			}
			return this;
		}

		/**
		 * Sign with a key without changing the header.
		 * @param key the key
		 * @return this builder
		 */
		public Builder key(TestKey key) {
			this.key = key;
			return this;
		}

		/**
		 * Compute the signature with this algorithm whatever the header's {@code alg} says.
		 * @param alg the JWS algorithm that signs
		 * @return this builder
		 */
		public Builder signingAlgorithm(String alg) {
			this.signingAlgorithm = alg;
			return this;
		}

		/**
		 * Set a header member.
		 * @param name the member
		 * @param value its value (rendered by {@link TestJwts#json(Object)})
		 * @return this builder
		 */
		public Builder header(String name, @Nullable Object value) {
			this.header.put(name, value);
			return this;
		}

		/**
		 * Remove a header member.
		 * @param name the member
		 * @return this builder
		 */
		public Builder withoutHeader(String name) {
			this.header.remove(name);
			return this;
		}

		/**
		 * Set a claim.
		 * @param name the claim
		 * @param value its value (rendered by {@link TestJwts#json(Object)})
		 * @return this builder
		 */
		public Builder claim(String name, @Nullable Object value) {
			this.claims.put(name, value);
			return this;
		}

		/**
		 * Remove a claim.
		 * @param name the claim
		 * @return this builder
		 */
		public Builder withoutClaim(String name) {
			this.claims.remove(name);
			return this;
		}

		/**
		 * Use this JSON text as the header instead of the members set.
		 * @param json the header, as sent (may be invalid)
		 * @return this builder
		 */
		public Builder rawHeader(String json) {
			this.rawHeader = json;
			return this;
		}

		/**
		 * Use this JSON text as the payload instead of the claims set.
		 * @param json the payload, as sent (may be invalid, for example with a duplicate claim)
		 * @return this builder
		 */
		public Builder rawPayload(String json) {
			this.rawPayload = json;
			return this;
		}

		/**
		 * The header JSON that will be sent.
		 * @return the header
		 */
		public String headerJson() {
			return (this.rawHeader != null) ? this.rawHeader : json(this.header);
		}

		/**
		 * The payload JSON that will be sent.
		 * @return the payload
		 */
		public String payloadJson() {
			return (this.rawPayload != null) ? this.rawPayload : json(this.claims);
		}

		/**
		 * Build the signed compact token.
		 * @return {@code header.payload.signature}
		 */
		public String build() {
			String input = encode(headerJson()) + "." + encode(payloadJson());
			if (this.key == null) {
				throw new IllegalStateException("No key to sign with; use unsigned() for an empty signature");
			}
			String alg = this.signingAlgorithm;
			if (alg == null) {
				boolean implemented = this.header.get("alg") instanceof String text
						&& Jwt.IMPLEMENTED_ALGORITHMS.contains(text);
				alg = implemented ? (String) this.header.get("alg") : this.key.alg();
			}
			byte[] signature = sign(alg, this.key, input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + encode(signature);
		}

		/**
		 * Build the token with the given raw signature segment.
		 * @param signatureSegment the third segment, as sent (may be empty)
		 * @return {@code header.payload.signatureSegment}
		 */
		public String buildWithSignature(String signatureSegment) {
			return encode(headerJson()) + "." + encode(payloadJson()) + "." + signatureSegment;
		}

	}

}
