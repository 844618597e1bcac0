package dev.nitric.spring.autoconfigure.gateway.devissuer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import dev.nitric.spring.gateway.JsonWebKey;
import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.json.Json;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The development issuer: an OpenID Connect issuer built into the application for local runs. It holds one RSA-2048
 * key pair, kept in a key file ({@code .nitric/dev-issuer/key.json} by default) so that tokens survive a restart and
 * start-up costs no key generation; the first run generates the key (on a background thread, so that the few hundred
 * milliseconds do not delay the start-up; the first use of the key waits for it) and writes the file, readable by its
 * owner only. An unreadable or corrupt file is replaced by a new key, never a failed start-up. It publishes the public
 * key as a JWKS and
 * mints RS256-signed access tokens (RFC 9068 profile: {@code iss}, {@code sub}, {@code aud}, {@code iat},
 * {@code exp}, {@code scope}, {@code jti}) for whatever subject, scopes, audience and lifetime the developer asks.
 * <p>
 * It is never active behind a real gateway ({@code nitric.gateway.mode=behind-gateway}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519">RFC 7519 (JWT)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515">RFC 7515 (JWS)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068 (JWT access tokens)</a>
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html">OpenID Connect Discovery 1.0</a>
 */
public final class DevelopmentIssuer {

	/** Subject of a token when none is asked for. */
	public static final String DEFAULT_SUBJECT = "developer";

	/** Lifetime of a token when none is asked for. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	/** Longest lifetime a token may be given. */
	public static final Duration MAX_LIFETIME = Duration.ofDays(1);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final String issuer;

	private final Supplier<List<String>> defaultAudiences;

	private final Clock clock;

	private final FutureTask<SigningKey> signingKey;

	/**
	 * Create a development issuer with a fresh key pair, held in memory only.
	 * @param issuer the issuer identifier, exactly as tokens carry it in {@code iss}
	 * @param defaultAudiences the audiences of the security definitions that use this issuer, asked for when a token
	 * is minted; the first is a token's audience when none is asked for
	 * @param clock the clock giving {@code iat} and {@code exp}
	 */
	public DevelopmentIssuer(String issuer, Supplier<List<String>> defaultAudiences, Clock clock) {
		this(issuer, defaultAudiences, clock, null);
	}

	/**
	 * Create a development issuer whose key pair is kept in a file.
	 * @param issuer the issuer identifier, exactly as tokens carry it in {@code iss}
	 * @param defaultAudiences the audiences of the security definitions that use this issuer, asked for when a token
	 * is minted; the first is a token's audience when none is asked for
	 * @param clock the clock giving {@code iat} and {@code exp}
	 * @param keyFile the key file, read if present and written otherwise; {@code null} to keep the key in memory
	 */
	public DevelopmentIssuer(String issuer, Supplier<List<String>> defaultAudiences, Clock clock,
			@Nullable Path keyFile) {
		Assert.hasText(issuer, "Issuer must not be empty");
		this.issuer = issuer;
		this.defaultAudiences = defaultAudiences;
		this.clock = clock;
		this.signingKey = new FutureTask<>(() -> signingKey((keyFile != null)
				? DevelopmentKeyFile.loadOrCreate(keyFile, DevelopmentIssuer::generateKeyPair) : generateKeyPair()));
		Thread thread = new Thread(this.signingKey, "nitric-dev-issuer-key");
		thread.setDaemon(true);
		thread.start();
	}

	private static KeyPair generateKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static SigningKey signingKey(KeyPair keyPair) throws GeneralSecurityException {
		String kid = thumbprint((RSAPublicKey) keyPair.getPublic());
		return new SigningKey(keyPair, kid,
				JsonWebKeySet.of(List.of(new JsonWebKey("RSA", kid, "RS256", "sig", null, keyPair.getPublic()))));
	}

	/** The key pair, waiting for its generation if needed. */
	private SigningKey signingKey() {
		try {
			return this.signingKey.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot generate the development issuer's RSA key", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while generating the development issuer's RSA key", ex);
		}
	}

	/**
	 * The issuer identifier.
	 * @return the value of {@code iss} in the tokens
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * The audience a token gets when none is asked for.
	 * @return the first audience of the definitions using this issuer, if any
	 */
	public Optional<String> defaultAudience() {
		return this.defaultAudiences.get().stream().findFirst();
	}

	/**
	 * The id of the signing key.
	 * @return the key id: the RFC 7638 thumbprint of the public key
	 */
	public String kid() {
		return signingKey().kid();
	}

	/**
	 * The public key set, as the JWKS endpoint serves it: the same object on every call, so that the gateway's cache
	 * of verified tokens, which remembers verifications per key object, hits.
	 * @return the key set with the one signing key
	 */
	public JsonWebKeySet keySet() {
		return signingKey().keySet();
	}

	/**
	 * The JWKS document.
	 * @return the JSON document
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
	 */
	public String jwksJson() {
		SigningKey signingKey = signingKey();
		RSAPublicKey key = (RSAPublicKey) signingKey.keyPair().getPublic();
		return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":" + Json.quote(signingKey.kid()) + ",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":"
				+ Json.quote(base64url(unsigned(key.getModulus()))) + ",\"e\":"
				+ Json.quote(base64url(unsigned(key.getPublicExponent()))) + "}]}";
	}

	/**
	 * The OpenID Connect discovery document.
	 * @param baseUrl the URL the issuer's endpoints are reached at (scheme, host, port, context path and issuer
	 * path), without a trailing slash
	 * @return the JSON document
	 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata">Provider metadata</a>
	 */
	public String discoveryJson(String baseUrl) {
		return "{\"issuer\":" + Json.quote(this.issuer) + ",\"jwks_uri\":" + Json.quote(baseUrl + "/jwks")
				+ ",\"token_endpoint\":" + Json.quote(baseUrl + "/token")
				+ ",\"response_types_supported\":[\"token\"],\"subject_types_supported\":[\"public\"]"
				+ ",\"id_token_signing_alg_values_supported\":[\"RS256\"]"
				+ ",\"token_endpoint_auth_methods_supported\":[\"none\"]"
				+ ",\"grant_types_supported\":[\"urn:nitric:development\"]"
				+ ",\"claims_supported\":[\"iss\",\"sub\",\"aud\",\"iat\",\"exp\",\"scope\",\"jti\"]}";
	}

	/**
	 * Mint a signed access token.
	 * @param subject the {@code sub} claim
	 * @param scopes the scopes, written space-delimited in {@code scope}; omitted when empty
	 * @param audiences the {@code aud} claim (a string for one audience, an array for several); the default audience
	 * when empty
	 * @param lifetime the time from {@code iat} to {@code exp}, at most {@link #MAX_LIFETIME}
	 * @return the compact JWS
	 */
	public String mint(String subject, List<String> scopes, List<String> audiences, Duration lifetime) {
		Assert.hasText(subject, "Subject must not be empty");
		Assert.isTrue(!lifetime.isNegative() && !lifetime.isZero() && lifetime.compareTo(MAX_LIFETIME) <= 0,
				() -> "Lifetime must be between 1 second and " + MAX_LIFETIME.toSeconds() + " seconds");
		Instant now = this.clock.instant();
		List<String> aud = (!audiences.isEmpty()) ? audiences : defaultAudience().map(List::of).orElse(List.of());
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("iss", Json.quote(this.issuer));
		claims.put("sub", Json.quote(subject));
		if (aud.size() == 1) {
			claims.put("aud", Json.quote(aud.get(0)));
		}
		else if (!aud.isEmpty()) {
			claims.put("aud", "[" + String.join(",", aud.stream().map(Json::quote).toList()) + "]");
		}
		claims.put("iat", Long.toString(now.getEpochSecond()));
		claims.put("exp", Long.toString(now.plus(lifetime).getEpochSecond()));
		if (!scopes.isEmpty()) {
			claims.put("scope", Json.quote(String.join(" ", scopes)));
		}
		claims.put("jti", Json.quote(UUID.randomUUID().toString()));
		StringBuilder payload = new StringBuilder("{");
		claims.forEach((name, value) -> payload.append((payload.length() > 1) ? "," : "")
			.append(Json.quote(name))
			.append(':')
			.append(value));
		payload.append('}');
		SigningKey signingKey = signingKey();
		String header = "{\"alg\":\"RS256\",\"kid\":" + Json.quote(signingKey.kid()) + ",\"typ\":\"JWT\"}";
		String signingInput = base64url(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64url(payload.toString().getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(signingKey.keyPair().getPrivate());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign a development token", ex);
		}
	}

	@Override
	public String toString() {
		return "DevelopmentIssuer[issuer=" + this.issuer + "]";
	}

	private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
		// RFC 7638: SHA-256 over the required members in lexicographic order, no white space
		String members = "{\"e\":" + Json.quote(base64url(unsigned(key.getPublicExponent()))) + ",\"kty\":\"RSA\",\"n\":"
				+ Json.quote(base64url(unsigned(key.getModulus()))) + "}";
		return base64url(MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			byte[] trimmed = new byte[bytes.length - 1];
			System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
			return trimmed;
		}
		return bytes;
	}

	private static String base64url(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

	private record SigningKey(KeyPair keyPair, String kid, JsonWebKeySet keySet) {
	}

}
