package dev.nitric.spring.gateway;

import java.security.Key;

import org.jspecify.annotations.Nullable;

/**
 * One key of a JWKS, with its Java key. Only the members gateways use are kept; {@code x5u}, {@code x5c} and
 * {@code jku} are never followed.
 *
 * @param kty the key type: {@code RSA}, {@code EC}, {@code OKP} or {@code oct}
 * @param kid the key id, or {@code null}
 * @param alg the algorithm the key is restricted to, or {@code null}
 * @param use the intended use ({@code sig}, {@code enc}), or {@code null}
 * @param curve the curve of an {@code EC} or {@code OKP} key ({@code P-256}, {@code Ed25519}, ...), or {@code null}
 * @param key the public key (RSA, EC, EdDSA) or secret key ({@code oct})
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>
 */
public record JsonWebKey(String kty, @Nullable String kid, @Nullable String alg, @Nullable String use,
		@Nullable String curve, Key key) {

	@Override
	public String toString() {
		return "JsonWebKey[kty=" + this.kty + ", kid=" + this.kid + ", alg=" + this.alg + "]";
	}

}
