package dev.nitric.spring.gateway;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.spec.SecretKeySpec;

import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * Signing keys for gateway tests, generated once per JVM: the baseline RSA-2048 key {@code k1} (RS256) of
 * {@code gateways.md} §5.0, a second RSA-2048 key {@code k2} (a key "just added" to the issuer's JWKS), an attacker's
 * RSA-2048 key, a 1024-bit RSA key, an EC P-256 key (ES256), an Ed25519 key (EdDSA) and an HMAC secret (HS256). Each
 * renders its public JWK, with or without {@code alg} and {@code kid}, and a JWKS document can be built from several.
 */
public final class TestKeys {

	private TestKeys() {
	}

	/**
	 * The baseline key: RSA-2048, {@code kid} {@code k1}, {@code alg} {@code RS256}.
	 * @return the key
	 */
	public static TestKey k1() {
		return Holder.K1;
	}

	/**
	 * A second RSA-2048 key, {@code kid} {@code k2}, {@code alg} {@code RS256}.
	 * @return the key
	 */
	public static TestKey k2() {
		return Holder.K2;
	}

	/**
	 * A key the issuer never published, {@code kid} {@code attacker}, {@code alg} {@code RS256}.
	 * @return the key
	 */
	public static TestKey attacker() {
		return Holder.ATTACKER;
	}

	/**
	 * A 1024-bit RSA key, {@code kid} {@code k1024}, {@code alg} {@code RS256}.
	 * @return the key
	 */
	public static TestKey rsa1024() {
		return Holder.RSA_1024;
	}

	/**
	 * An EC P-256 key, {@code kid} {@code ec1}, {@code alg} {@code ES256}.
	 * @return the key
	 */
	public static TestKey ec256() {
		return Holder.EC_256;
	}

	/**
	 * An Ed25519 key, {@code kid} {@code ed1}, {@code alg} {@code EdDSA}.
	 * @return the key
	 */
	public static TestKey ed25519() {
		return Holder.ED_25519;
	}

	/**
	 * A 256-bit HMAC secret, {@code kid} {@code hs1}, {@code alg} {@code HS256}.
	 * @return the key
	 */
	public static TestKey hmac() {
		return Holder.HMAC;
	}

	/**
	 * An HMAC "key" made of arbitrary bytes, for example an RSA public key's encoding (algorithm confusion).
	 * @param kid the key id
	 * @param secret the secret bytes
	 * @return the key
	 */
	public static TestKey hmac(String kid, byte[] secret) {
		return new TestKey("oct", kid, "HS256", new SecretKeySpec(secret, "HmacSHA256"),
				new SecretKeySpec(secret, "HmacSHA256"));
	}

	/**
	 * A JWKS document of the given public JWKs.
	 * @param jwks the keys as JSON objects (see {@link TestKey#jwk()})
	 * @return {@code {"keys":[...]}}
	 */
	public static String jwks(String... jwks) {
		return "{\"keys\":[" + String.join(",", jwks) + "]}";
	}

	/**
	 * A key set of the given keys, each rendered with {@code alg} and {@code kid}.
	 * @param keys the keys
	 * @return the parsed key set
	 */
	public static JsonWebKeySet set(TestKey... keys) {
		return JsonWebKeySet.parse(jwks(Arrays.stream(keys).map(TestKey::jwk).toArray(String[]::new)));
	}

	/**
	 * One test key: its type, id, algorithm, the key that signs and the key that verifies.
	 */
	public static final class TestKey {

		private final String kty;

		private final @Nullable String kid;

		private final String alg;

		private final Key signingKey;

		private final Key verificationKey;

		TestKey(String kty, @Nullable String kid, String alg, Key signingKey, Key verificationKey) {
			this.kty = kty;
			this.kid = kid;
			this.alg = alg;
			this.signingKey = signingKey;
			this.verificationKey = verificationKey;
		}

		/**
		 * The JWK key type.
		 * @return {@code RSA}, {@code EC}, {@code OKP} or {@code oct}
		 */
		public String kty() {
			return this.kty;
		}

		/**
		 * The key id.
		 * @return the id, or {@code null}
		 */
		public @Nullable String kid() {
			return this.kid;
		}

		/**
		 * The algorithm the key signs with by default.
		 * @return the JWS algorithm
		 */
		public String alg() {
			return this.alg;
		}

		/**
		 * The private key (or secret) that signs.
		 * @return the key
		 */
		public Key signingKey() {
			return this.signingKey;
		}

		/**
		 * The public key (or secret) that verifies.
		 * @return the key
		 */
		public Key verificationKey() {
			return this.verificationKey;
		}

		/**
		 * The public JWK with {@code use}, {@code alg} and {@code kid}.
		 * @return the JWK as JSON
		 */
		public String jwk() {
			return jwk(true, true);
		}

		/**
		 * The public JWK, optionally without {@code alg} or {@code kid}.
		 * @param withAlg whether to include {@code alg}
		 * @param withKid whether to include {@code kid}
		 * @return the JWK as JSON
		 */
		public String jwk(boolean withAlg, boolean withKid) {
			return jwk(withKid ? this.kid : null, withAlg ? this.alg : null);
		}

		/**
		 * The public JWK with the given {@code kid} and {@code alg}.
		 * @param kid the key id, or {@code null} to leave it out
		 * @param alg the algorithm, or {@code null} to leave it out
		 * @return the JWK as JSON
		 */
		public String jwk(@Nullable String kid, @Nullable String alg) {
			Map<String, String> members = new LinkedHashMap<>();
			members.put("kty", this.kty);
			if (kid != null) {
				members.put("kid", kid);
			}
			if (alg != null) {
				members.put("alg", alg);
			}
			members.put("use", "sig");
			if (this.verificationKey instanceof RSAPublicKey rsa) {
				members.put("n", unsigned(rsa.getModulus()));
				members.put("e", unsigned(rsa.getPublicExponent()));
			}
			else if (this.verificationKey instanceof ECPublicKey ec) {
				int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
				members.put("crv", "P-" + ec.getParams().getCurve().getField().getFieldSize());
				members.put("x", base64Url(fixed(ec.getW().getAffineX(), size)));
				members.put("y", base64Url(fixed(ec.getW().getAffineY(), size)));
			}
			else if (this.verificationKey instanceof EdECPublicKey ed) {
				members.put("crv", "Ed25519");
				members.put("x", base64Url(ed25519(ed)));
			}
			else {
				members.put("k", base64Url(this.verificationKey.getEncoded()));
			}
			StringJoiner json = new StringJoiner(",", "{", "}");
			members.forEach((name, value) -> json.add(Json.quote(name) + ":" + Json.quote(value)));
			return json.toString();
		}

		@Override
		public String toString() {
			return "TestKey[" + this.kty + ", kid=" + this.kid + ", alg=" + this.alg + "]";
		}

		private static String unsigned(BigInteger value) {
			byte[] bytes = value.toByteArray();
			if (bytes.length > 1 && bytes[0] == 0) {
				bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
			}
			return base64Url(bytes);
		}

		private static byte[] fixed(BigInteger value, int size) {
			byte[] bytes = value.toByteArray();
			byte[] out = new byte[size];
			int copy = Math.min(bytes.length, size);
			System.arraycopy(bytes, bytes.length - copy, out, size - copy, copy);
			return out;
		}

		private static byte[] ed25519(EdECPublicKey key) {
			byte[] littleEndian = new byte[32];
			byte[] bigEndian = key.getPoint().getY().toByteArray();
			for (int i = 0; i < Math.min(bigEndian.length, 32); i++) {
				littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
			}
			if (key.getPoint().isXOdd()) {
				littleEndian[31] |= (byte) 0x80;
			}
			return littleEndian;
		}

	}

	static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static final class Holder {

		static final TestKey K1 = rsa("k1", 2048);

		static final TestKey K2 = rsa("k2", 2048);

		static final TestKey ATTACKER = rsa("attacker", 2048);

		static final TestKey RSA_1024 = rsa("k1024", 1024);

		static final TestKey EC_256 = ec();

		static final TestKey ED_25519 = ed();

		static final TestKey HMAC = hmac("hs1",
				"a shared secret of at least 32 bytes for HS256".getBytes(StandardCharsets.US_ASCII));

		private static TestKey rsa(String kid, int bits) {
			KeyPair pair = generate("RSA", (generator) -> generator.initialize(bits));
			return new TestKey("RSA", kid, "RS256", pair.getPrivate(), pair.getPublic());
		}

		private static TestKey ec() {
			KeyPair pair = generate("EC", (generator) -> generator.initialize(new ECGenParameterSpec("secp256r1")));
			return new TestKey("EC", "ec1", "ES256", pair.getPrivate(), pair.getPublic());
		}

		private static TestKey ed() {
			KeyPair pair = generate("Ed25519", (generator) -> {
			});
			return new TestKey("OKP", "ed1", "EdDSA", pair.getPrivate(), pair.getPublic());
		}

		private static KeyPair generate(String algorithm, Initializer initializer) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
				initializer.initialize(generator);
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Cannot generate a " + algorithm + " key", ex);
			}
		}

		private interface Initializer {

			void initialize(KeyPairGenerator generator) throws GeneralSecurityException;

		}

	}

}
