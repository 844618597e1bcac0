package dev.nitric.spring.autoconfigure.gateway.devissuer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.gateway.JsonWebKey;
import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DevelopmentIssuer}.
 */
class DevelopmentIssuerTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final DevelopmentIssuer issuer = new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer",
			() -> List.of("https://planets/", "other"), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mintedTokenIsSignedWithTheKeyOfThePublishedJwks() throws Exception {
		String token = this.issuer.mint("alice", List.of("user.write", "user.read"), List.of(), Duration.ofMinutes(10));
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		assertThat(json(parts[0])).containsExactly(Map.entry("alg", (Object) "RS256"),
				Map.entry("kid", (Object) this.issuer.kid()), Map.entry("typ", (Object) "JWT"));
		Map<String, Object> claims = json(parts[1]);
		assertThat(claims.keySet()).containsExactly("iss", "sub", "aud", "iat", "exp", "scope", "jti");
		assertThat(claims.get("iss")).isEqualTo("http://localhost:8080/nitric/dev-issuer");
		assertThat(claims.get("sub")).isEqualTo("alice");
		assertThat(claims.get("aud")).isEqualTo("https://planets/");
		assertThat(claims.get("scope")).isEqualTo("user.write user.read");
		assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(NOW.getEpochSecond());
		assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(NOW.getEpochSecond() + 600);
		JsonWebKey key = JsonWebKeySet.parse(this.issuer.jwksJson()).keys().get(0);
		assertThat(key.kid()).isEqualTo(this.issuer.kid());
		assertThat(key.alg()).isEqualTo("RS256");
		assertThat(key.use()).isEqualTo("sig");
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initVerify((java.security.PublicKey) key.key());
		signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
		assertThat(token).doesNotContain("=");
	}

	@Test
	void mintedTokenCarriesChosenAudiencesAsAnArray() {
		String token = this.issuer.mint("bob", List.of(), List.of("a", "b"), Duration.ofSeconds(1));
		Map<String, Object> claims = json(token.split("\\.")[1]);
		assertThat(claims.get("aud")).isEqualTo(List.of("a", "b"));
		assertThat(claims.containsKey("scope")).isFalse();
	}

	@Test
	void lifetimeIsBoundedByOneDay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.issuer.mint("bob", List.of(), List.of(), Duration.ofSeconds(86401)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.issuer.mint("bob", List.of(), List.of(), Duration.ZERO));
	}

	@Test
	void discoveryDocumentNamesTheIssuerAndItsEndpoints() {
		Map<?, ?> document = (Map<?, ?>) Json.parse(this.issuer.discoveryJson("http://127.0.0.1:1234/nitric/dev-issuer"));
		assertThat(document.get("issuer")).isEqualTo(this.issuer.issuer());
		assertThat(document.get("jwks_uri")).isEqualTo("http://127.0.0.1:1234/nitric/dev-issuer/jwks");
		assertThat(document.get("token_endpoint")).isEqualTo("http://127.0.0.1:1234/nitric/dev-issuer/token");
		assertThat(document.get("id_token_signing_alg_values_supported")).isEqualTo(List.of("RS256"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String base64url) {
		return (Map<String, Object>) Json.parse(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
	}


	@Test
	void keyFileKeepsTheKeySoThatTokensSurviveARestart(@TempDir Path folder) throws Exception {
		Path keyFile = folder.resolve("dev-issuer/key.json");
		DevelopmentIssuer first = new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer", List::of,
				Clock.fixed(NOW, ZoneOffset.UTC), keyFile);
		String token = first.mint("alice", List.of(), List.of("a"), Duration.ofMinutes(5));
		assertThat(keyFile).isRegularFile();
		if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		}
		DevelopmentIssuer restarted = new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer", List::of,
				Clock.fixed(NOW, ZoneOffset.UTC), keyFile);
		assertThat(restarted.kid()).isEqualTo(first.kid());
		String[] parts = token.split("\\.");
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initVerify((java.security.PublicKey) JsonWebKeySet.parse(restarted.jwksJson()).keys().get(0).key());
		signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
	}

	@Test
	void corruptKeyFileIsReplacedByANewKeyInsteadOfFailing(@TempDir Path folder) throws Exception {
		Path keyFile = folder.resolve("key.json");
		Files.writeString(keyFile, "{\"kty\":\"RSA\",\"private\":\"not base64!\"}");
		DevelopmentIssuer issuer = new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer", List::of,
				Clock.fixed(NOW, ZoneOffset.UTC), keyFile);
		assertThat(issuer.kid()).isNotEmpty();
		assertThat(Files.readString(keyFile)).contains("\"public\"");
		assertThat(new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer", List::of,
				Clock.fixed(NOW, ZoneOffset.UTC), keyFile)
			.kid()).isEqualTo(issuer.kid());
	}

}
