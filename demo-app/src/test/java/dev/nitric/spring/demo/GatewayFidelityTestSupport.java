package dev.nitric.spring.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.test.issuers.OidcIssuer;
import dev.nitric.spring.test.issuers.SpringAuthorizationServerIssuer;
import dev.nitric.spring.test.issuers.TokenRequest;
import dev.nitric.spring.test.issuers.TokenRequest.ScopeClaim;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs the demo with its API {@code main} pointed at a real OIDC issuer (Spring Authorization Server, in-process)
 * instead of the development issuer, so that each cloud's gateway emulation is exercised with real tokens, fetched
 * keys and OIDC discovery.
 */
abstract class GatewayFidelityTestSupport {

	static final String AUDIENCE = "https://test-security-definition/";

	static final String EXCLUDE_SECURITY = "spring.autoconfigure.exclude="
			+ SpringAuthorizationServerIssuer.EXCLUDE_FROM_APP_WITHOUT_SECURITY;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private DiscoveryKeyResolver keys;

	/**
	 * Point the demo's security definition {@code user} of API {@code main} at an issuer.
	 * @param registry the test's property registry
	 * @param issuer the issuer
	 */
	static void useIssuer(DynamicPropertyRegistry registry, OidcIssuer issuer) {
		registry.add("nitric.apis.main.security-definitions.user.issuer", issuer::issuer);
		registry.add("nitric.apis.main.security-definitions.user.audiences", () -> AUDIENCE);
	}

	@BeforeEach
	void keysAreFetched() {
		this.keys.refreshAll();
	}

	static String token(String... scopes) {
		return token(Issuers.SAS, AUDIENCE, scopes);
	}

	static String token(OidcIssuer issuer, String audience, String... scopes) {
		return issuer.token(TokenRequest.forScopes(scopes).audience(audience).scopeClaim(ScopeClaim.STRING));
	}

	HttpResponse<String> get(String path, @Nullable String authorization) throws IOException, InterruptedException {
		return send("GET", path, authorization);
	}

	HttpResponse<String> post(String path, @Nullable String authorization) throws IOException, InterruptedException {
		return send("POST", path, authorization);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * The issuers, started once per test JVM and stopped when it exits.
	 */
	static final class Issuers {

		static final SpringAuthorizationServerIssuer SAS = SpringAuthorizationServerIssuer.start();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(SAS::close));
		}

		private Issuers() {
		}

	}

}
