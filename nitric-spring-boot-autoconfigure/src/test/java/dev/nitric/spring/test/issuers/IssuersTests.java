package dev.nitric.spring.test.issuers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.test.issuers.TokenRequest.ScopeClaim;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of the issuer fixtures: each is a real issuer whose discovery document, tokens and keys agree. Each issuer
 * starts once per nested class.
 */
class IssuersTests {

	private static final String AUDIENCE = "https://api.example.test";

	/**
	 * What every issuer fixture guarantees.
	 */
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	abstract static class IssuerContract {

		private OidcIssuer issuer;

		abstract OidcIssuer start();

		abstract SigningAlgorithm algorithm();

		OidcIssuer issuer() {
			return this.issuer;
		}

		@BeforeAll
		void startIssuer() {
			this.issuer = start();
		}

		@AfterAll
		void stopIssuer() {
			if (this.issuer != null) {
				this.issuer.close();
			}
		}

		@Test
		void discoveryDocumentNamesTheIssuerAndAJwksUri() throws IOException {
			Map<?, ?> discovery = IssuerHttp.getJsonObject(this.issuer.discoveryUri());
			assertThat(this.issuer.issuer()).matches("http://127\\.0\\.0\\.1:\\d+");
			assertThat(discovery.get("issuer")).isEqualTo(this.issuer.issuer());
			assertThat(discovery.get("jwks_uri")).asString().startsWith(this.issuer.issuer() + "/");
			assertThat(jwks().keys()).isNotEmpty();
		}

		@Test
		void tokenWhenAudienceRequestedThenAudClaimCarriesIt() {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes("user.read").audience(AUDIENCE)));
			assertThat(jwt.audiences()).containsExactly(AUDIENCE);
		}

		@Test
		void tokenWhenScopesRequestedThenScopeClaimCarriesThem() {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes("user.read", "b")));
			assertThat(scopes(jwt)).containsExactlyInAnyOrder("user.read", "b");
		}

		@Test
		void tokenWhenScopeRequestedAsStringThenScopeIsSpaceDelimited() {
			CompactJwt jwt = CompactJwt
				.parse(this.issuer.token(TokenRequest.forScopes("a", "c").scopeClaim(ScopeClaim.STRING)));
			assertThat(jwt.payload().get("scope")).isInstanceOf(String.class);
			assertThat(scopes(jwt)).containsExactlyInAnyOrder("a", "c");
		}

		@Test
		void tokenWhenNoScopesRequestedThenHasNoScopeClaim() {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes().audience(AUDIENCE)));
			assertThat(jwt.payload()).doesNotContainKey("scope");
		}

		@Test
		void tokenIssEqualsTheIssuerAndTimesAreSet() {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes("a").audience(AUDIENCE)));
			assertThat(jwt.claimText("iss")).isEqualTo(this.issuer.issuer());
			assertThat(jwt.payload()).containsKeys("iat", "exp", "jti", "sub");
		}

		@Test
		void tokenIsSignedWithTheAlgorithmAndAKeyOfTheJwks() throws IOException {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes("a").audience(AUDIENCE)));
			assertThat(jwt.headerText("alg")).isEqualTo(algorithm().name());
			assertThat(jwt.headerText("kid")).isNotNull();
			assertThat(jwks().containsKid(jwt.headerText("kid"))).isTrue();
		}

		@Test
		void tokenSignatureVerifiesAgainstTheJwks() throws IOException {
			CompactJwt jwt = CompactJwt.parse(this.issuer.token(TokenRequest.forScopes("a").audience(AUDIENCE)));
			assertThat(jwt.verifiesWith(jwks())).isTrue();
		}

		@Test
		void tokenWhenPayloadTamperedThenSignatureDoesNotVerify() throws IOException {
			String token = this.issuer.token(TokenRequest.forScopes("a").audience(AUDIENCE));
			String[] parts = token.split("\\.");
			String forged = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
					.replace("\"a\"", "\"b\"")
					.getBytes(StandardCharsets.UTF_8));
			CompactJwt jwt = CompactJwt.parse(parts[0] + "." + forged + "." + parts[2]);
			assertThat(scopes(jwt)).containsExactly("b");
			assertThat(jwt.verifiesWith(jwks())).isFalse();
		}

		JsonWebKeySet jwks() throws IOException {
			Map<?, ?> discovery = IssuerHttp.getJsonObject(this.issuer.discoveryUri());
			return JsonWebKeySet.parse(IssuerHttp.get(URI.create((String) discovery.get("jwks_uri"))));
		}

		static List<String> scopes(CompactJwt jwt) {
			Object scope = jwt.payload().get("scope");
			if (scope instanceof String text) {
				return List.of(text.split(" "));
			}
			if (scope instanceof List<?> list) {
				return list.stream().map(String::valueOf).toList();
			}
			return List.of();
		}

	}

	@Nested
	class SpringAuthorizationServerRs256 extends IssuerContract {

		@Override
		OidcIssuer start() {
			return SpringAuthorizationServerIssuer.start();
		}

		@Override
		SigningAlgorithm algorithm() {
			return SigningAlgorithm.RS256;
		}

		@Test
		void tokenByDefaultHasNoTypAndTheClientAsSubAndAud() {
			SpringAuthorizationServerIssuer sas = (SpringAuthorizationServerIssuer) issuer();
			CompactJwt jwt = CompactJwt.parse(sas.token(TokenRequest.forScopes("user.write")));
			assertThat(jwt.header()).containsOnlyKeys("alg", "kid");
			assertThat(jwt.payload()).doesNotContainKey("client_id");
			assertThat(jwt.claimText("sub")).isEqualTo(sas.clientId());
			assertThat(jwt.audiences()).containsExactly(sas.clientId());
		}

		@Test
		void tokenByDefaultHasScopeAsJsonArray() {
			CompactJwt jwt = CompactJwt.parse(issuer().token(TokenRequest.forScopes("user.read", "user.write")));
			assertThat(jwt.payload().get("scope")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
				.containsExactlyInAnyOrder("user.read", "user.write");
		}

		@Test
		void tokenWhenScopeNotRegisteredThenIssuerRefuses() {
			assertThatIllegalStateException()
				.isThrownBy(() -> issuer().token(TokenRequest.forScopes("not.registered").audience(AUDIENCE)))
				.withMessageContaining("invalid_scope");
		}

		@Test
		void tokenWhenSubjectRequestedThenSubClaimCarriesIt() {
			CompactJwt jwt = CompactJwt.parse(issuer().token(TokenRequest.forScopes("a").subject("user-42")));
			assertThat(jwt.claimText("sub")).isEqualTo("user-42");
		}

	}

	@Nested
	class SpringAuthorizationServerEs256 extends IssuerContract {

		@Override
		OidcIssuer start() {
			return SpringAuthorizationServerIssuer.builder().algorithm(SigningAlgorithm.ES256).start();
		}

		@Override
		SigningAlgorithm algorithm() {
			return SigningAlgorithm.ES256;
		}

		@Test
		void jwksPublishesOnlyAnEcP256Key() throws IOException {
			assertThat(jwks().keys()).singleElement().satisfies((key) -> {
				assertThat(key.kty()).isEqualTo("EC");
				assertThat(key.curve()).isEqualTo("P-256");
			});
		}

	}

	@Nested
	class NodeOidcProviderRs256 extends IssuerContract {

		@Override
		OidcIssuer start() {
			return NodeOidcProvider.start();
		}

		@Override
		SigningAlgorithm algorithm() {
			return SigningAlgorithm.RS256;
		}

		@Test
		void tokenHasTypAtJwtAndTheClientAsSub() {
			NodeOidcProvider node = (NodeOidcProvider) issuer();
			CompactJwt jwt = CompactJwt.parse(node.token(TokenRequest.forScopes("user.read").audience(AUDIENCE)));
			assertThat(jwt.headerText("typ")).isEqualTo("at+jwt");
			assertThat(jwt.claimText("sub")).isEqualTo(node.clientId());
			assertThat(jwt.claimText("client_id")).isEqualTo(node.clientId());
		}

		@Test
		void tokenByDefaultHasScopeAsStringAndTheDefaultResourceAsAud() {
			CompactJwt jwt = CompactJwt.parse(issuer().token(TokenRequest.forScopes("user.read", "a")));
			assertThat(jwt.claimText("scope")).isEqualTo("user.read a");
			assertThat(jwt.audiences()).containsExactly("urn:nitric:test");
		}

		@Test
		void tokenWhenScopeNotRegisteredThenScopeIsLeftOut() {
			CompactJwt jwt = CompactJwt.parse(issuer().token(TokenRequest.forScopes("a", "not.registered")));
			assertThat(scopes(jwt)).containsExactly("a");
		}

		@Test
		void tokenWhenScopeArrayOrSubjectRequestedThenUnsupported() {
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> issuer().token(TokenRequest.forScopes("a").scopeClaim(ScopeClaim.ARRAY)));
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> issuer().token(TokenRequest.forScopes("a").subject("user-42")));
		}

		@Test
		void closeStopsTheProcess() {
			NodeOidcProvider other = NodeOidcProvider.builder().scopes("only").start();
			ProcessHandle handle = ProcessHandle.of(other.pid()).orElseThrow();
			other.close();
			assertThat(handle.isAlive()).isFalse();
		}

	}

	@Nested
	class NodeOidcProviderEs256 extends IssuerContract {

		@Override
		OidcIssuer start() {
			return NodeOidcProvider.builder().algorithm(SigningAlgorithm.ES256).start();
		}

		@Override
		SigningAlgorithm algorithm() {
			return SigningAlgorithm.ES256;
		}

	}

	@Test
	void autoConfigurationsToExcludeFromAppsUnderTestExist() {
		assertThat(SpringAuthorizationServerIssuer.EXCLUDE_FROM_APP_WITHOUT_SECURITY.split(",")).hasSize(7)
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, null)).as(name).isTrue());
	}

	@Test
	void nodeOidcProviderWhenNotInstalledThenFailsWithAClearMessage(@TempDir Path empty) throws IOException {
		Files.writeString(empty.resolve("server.mjs"), "");
		assertThatIllegalStateException().isThrownBy(() -> NodeOidcProvider.builder().directory(empty).start())
			.withMessageContaining("oidc-provider is not installed")
			.withMessageContaining("npm ci");
	}

}
