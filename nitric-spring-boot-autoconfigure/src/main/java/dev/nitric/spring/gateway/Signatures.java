package dev.nitric.spring.gateway;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import javax.crypto.Mac;

/**
 * Verifies JWS signatures with the JDK's providers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3">RFC 7518 §3 (algorithms for JWS)</a>
 */
final class Signatures {

	private Signatures() {
	}

	/**
	 * The SHA-2 size an algorithm name ends with ({@code RS384} → 384), or 256 when it ends with none.
	 */
	static int hashBits(String alg) {
		if (alg.endsWith("384")) {
			return 384;
		}
		if (alg.endsWith("512")) {
			return 512;
		}
		return 256;
	}

	/**
	 * Whether a key verifies a token's signature, as {@code jwt_verify_lib} decides it: by the JWK's {@code kty}, with
	 * the token's {@code alg} choosing the hash (an {@code RSA} key verifies {@code RS*} and {@code PS*} only, an
	 * {@code oct} key {@code HS*}, an {@code OKP} key {@code EdDSA}, an {@code EC} key any {@code alg}, with SHA-256
	 * unless it is {@code ES*}). The answer depends on the token and the key alone, which is what lets a cache or a
	 * request's memo remember it for every gateway: each gateway's own restrictions (algorithms, key types, key sizes,
	 * {@code kid} matching) are checked by the gateway before it asks, on every request, remembered or not. On the
	 * keys and algorithms AWS and Azure let through ({@code RSA} keys, {@code RS*} and {@code PS*}) this is plain
	 * RSA verification.
	 * @param jwt the parsed token
	 * @param key the key
	 * @return whether the signature verifies
	 */
	static boolean verify(Jwt jwt, JsonWebKey key) {
		String alg = jwt.algorithm();
		return switch (key.kty()) {
			case "RSA" -> (alg.startsWith("RS") || alg.startsWith("PS"))
					&& rsa(alg, key.key(), jwt.signingInput(), jwt.signature());
			case "EC" -> ecdsa(alg.startsWith("ES") ? hashBits(alg) : 256, key.key(), jwt.signingInput(),
					jwt.signature());
			case "oct" -> alg.startsWith("HS") && hmac(alg, key.key(), jwt.signingInput(), jwt.signature());
			case "OKP" -> "EdDSA".equals(alg) && ed25519(key.key(), jwt.signingInput(), jwt.signature());
			default -> false;
		};
	}

	/** RSASSA-PKCS1-v1_5 ({@code RS*}) or RSASSA-PSS ({@code PS*}). */
	static boolean rsa(String alg, Key key, byte[] input, byte[] signature) {
		if (!(key instanceof PublicKey publicKey)) {
			return false;
		}
		int bits = hashBits(alg);
		try {
			Signature verifier;
			if (alg.startsWith("PS")) {
				verifier = Signature.getInstance("RSASSA-PSS");
				String digest = "SHA-" + bits;
				verifier.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits / 8, 1));
			}
			else {
				verifier = Signature.getInstance("SHA" + bits + "withRSA");
			}
			verifier.initVerify(publicKey);
			verifier.update(input);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** ECDSA with the JOSE signature format (R || S, fixed size). */
	static boolean ecdsa(int hashBits, Key key, byte[] input, byte[] signature) {
		if (!(key instanceof java.security.interfaces.ECPublicKey publicKey)) {
			return false;
		}
		int fieldBytes = (publicKey.getParams().getCurve().getField().getFieldSize() + 7) / 8;
		if (signature.length != 2 * fieldBytes) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("SHA" + hashBits + "withECDSA");
			verifier.initVerify(publicKey);
			verifier.update(input);
			return verifier.verify(toDer(signature, fieldBytes));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** HMAC with SHA-2 ({@code HS*}), compared in constant time. */
	static boolean hmac(String alg, Key key, byte[] input, byte[] signature) {
		try {
			Mac mac = Mac.getInstance("HmacSHA" + hashBits(alg));
			mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA" + hashBits(alg)));
			return MessageDigest.isEqual(mac.doFinal(input), signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** EdDSA over Ed25519. */
	static boolean ed25519(Key key, byte[] input, byte[] signature) {
		if (!(key instanceof PublicKey publicKey)) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(publicKey);
			verifier.update(input);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static byte[] toDer(byte[] signature, int fieldBytes) {
		byte[] r = integer(signature, 0, fieldBytes);
		byte[] s = integer(signature, fieldBytes, fieldBytes);
		ByteArrayOutputStream sequence = new ByteArrayOutputStream();
		sequence.write(0x02);
		writeLength(sequence, r.length);
		sequence.writeBytes(r);
		sequence.write(0x02);
		writeLength(sequence, s.length);
		sequence.writeBytes(s);
		ByteArrayOutputStream der = new ByteArrayOutputStream();
		der.write(0x30);
		writeLength(der, sequence.size());
		der.writeBytes(sequence.toByteArray());
		return der.toByteArray();
	}

	private static byte[] integer(byte[] signature, int offset, int length) {
		byte[] magnitude = new byte[length];
		System.arraycopy(signature, offset, magnitude, 0, length);
		return new BigInteger(1, magnitude).toByteArray();
	}

	private static void writeLength(ByteArrayOutputStream out, int length) {
		if (length < 0x80) {
			out.write(length);
		}
		else if (length < 0x100) {
			out.write(0x81);
			out.write(length);
		}
		else {
			out.write(0x82);
			out.write(length >> 8);
			out.write(length & 0xff);
		}
	}

}
