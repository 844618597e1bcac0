package dev.nitric.spring.gateway;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * A JSON Web Key Set as an issuer publishes it at its {@code jwks_uri}. Parsing is lenient per key, as gateways are:
 * a key that is malformed or of an unsupported type is skipped (and counted), the others stay usable; RSA keys whose
 * exponent is not 3 or 65537 are dropped, as Google's {@code jwt_verify_lib} drops them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class JsonWebKeySet {

	private static final BigInteger THREE = BigInteger.valueOf(3);

	private static final BigInteger F4 = BigInteger.valueOf(65537);

	private final List<JsonWebKey> keys;

	private final int skipped;

	private JsonWebKeySet(List<JsonWebKey> keys, int skipped) {
		this.keys = List.copyOf(keys);
		this.skipped = skipped;
	}

	/**
	 * Create a key set from keys.
	 * @param keys the keys
	 * @return the key set
	 */
	public static JsonWebKeySet of(List<JsonWebKey> keys) {
		return new JsonWebKeySet(keys, 0);
	}

	/**
	 * Parse a JWKS document.
	 * @param json the document
	 * @return the key set, possibly empty
	 * @throws IllegalArgumentException if the document is not a JSON object with a {@code keys} array
	 */
	public static JsonWebKeySet parse(String json) {
		Object document = Json.parse(json);
		if (!(document instanceof Map<?, ?> map) || !(map.get("keys") instanceof List<?> entries)) {
			throw new IllegalArgumentException("A JWKS is a JSON object with a \"keys\" array");
		}
		List<JsonWebKey> keys = new ArrayList<>();
		int skipped = 0;
		for (Object entry : entries) {
			JsonWebKey key = (entry instanceof Map<?, ?> members) ? toKey(members) : null;
			if (key != null) {
				keys.add(key);
			}
			else {
				skipped++;
			}
		}
		return new JsonWebKeySet(keys, skipped);
	}

	/**
	 * The usable keys, in document order.
	 * @return the keys
	 */
	public List<JsonWebKey> keys() {
		return this.keys;
	}

	/**
	 * How many entries of the document were skipped as malformed or unsupported.
	 * @return the count
	 */
	public int skipped() {
		return this.skipped;
	}

	/**
	 * Whether a key with this id is present.
	 * @param kid the key id
	 * @return {@code true} if present
	 */
	public boolean containsKid(String kid) {
		for (JsonWebKey key : this.keys) {
			if (kid.equals(key.kid())) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable JsonWebKey toKey(Map<?, ?> members) {
		try {
			String kty = text(members, "kty");
			if (kty == null) {
				return null;
			}
			Key key = switch (kty) {
				case "RSA" -> rsa(members);
				case "EC" -> ec(members);
				case "OKP" -> okp(members);
				case "oct" -> new SecretKeySpec(bytes(members, "k"), "HmacSHA256");
				default -> null;
			};
			if (key == null) {
				return null;
			}
			return new JsonWebKey(kty, text(members, "kid"), text(members, "alg"), text(members, "use"),
					text(members, "crv"), key);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Key rsa(Map<?, ?> members) throws GeneralSecurityException {
		BigInteger modulus = new BigInteger(1, bytes(members, "n"));
		BigInteger exponent = new BigInteger(1, bytes(members, "e"));
		if (!exponent.equals(THREE) && !exponent.equals(F4)) {
			return null;
		}
		return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
	}

	private static @Nullable Key ec(Map<?, ?> members) throws GeneralSecurityException {
		String curve = text(members, "crv");
		String stdName = (curve == null) ? null : switch (curve) {
			case "P-256" -> "secp256r1";
			case "P-384" -> "secp384r1";
			case "P-521" -> "secp521r1";
			default -> null;
		};
		if (stdName == null) {
			return null;
		}
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec(stdName));
		ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
		ECPoint point = new ECPoint(new BigInteger(1, bytes(members, "x")), new BigInteger(1, bytes(members, "y")));
		return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
	}

	private static @Nullable Key okp(Map<?, ?> members) throws GeneralSecurityException {
		if (!"Ed25519".equals(text(members, "crv"))) {
			return null;
		}
		byte[] x = bytes(members, "x");
		if (x.length != 32) {
			return null;
		}
		boolean xOdd = (x[31] & 0x80) != 0;
		byte[] reversed = new byte[x.length];
		for (int i = 0; i < x.length; i++) {
			reversed[i] = x[x.length - 1 - i];
		}
		reversed[0] &= 0x7f;
		EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, reversed));
		return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
	}

	private static @Nullable String text(Map<?, ?> members, String name) {
		return (members.get(name) instanceof String value) ? value : null;
	}

	private static byte[] bytes(Map<?, ?> members, String name) {
		String value = text(members, name);
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException("missing " + name);
		}
		return Base64.getUrlDecoder().decode(value);
	}

}
