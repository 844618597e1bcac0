package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.nitric.spring.model.SecurityDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JWKS URI GCP wants: an override first, else OpenID Connect discovery (here against a loopback issuer).
 */
class JwksUrisTests {

	private HttpServer server;

	private String issuer;

	private String document;

	@BeforeEach
	void startIssuer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/realm/.well-known/openid-configuration", (exchange) -> {
			byte[] body = this.document.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/realm";
		this.document = "{\"issuer\":\"" + this.issuer + "\",\"jwks_uri\":\"https://keys.example.com/jwks\"}";
	}

	@AfterEach
	void stopIssuer() {
		this.server.stop(0);
	}

	@Test
	void discoveryUrlHasExactlyOneSlashWithOrWithoutATrailingSlash() {
		assertThat(JwksUris.discoveryUrl("https://auth.example.com"))
			.isEqualTo("https://auth.example.com/.well-known/openid-configuration");
		assertThat(JwksUris.discoveryUrl("https://auth.example.com/"))
			.isEqualTo("https://auth.example.com/.well-known/openid-configuration");
		assertThat(JwksUris.discoveryUrl("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"))
			.isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/openid-configuration");
	}

	@Test
	void discoveryFindsTheJwksUri() {
		assertThat(resolver(Map.of()).jwksUri("main", definition(this.issuer)))
			.isEqualTo("https://keys.example.com/jwks");
	}

	@Test
	void overrideWinsOverDiscovery() {
		assertThat(resolver(Map.of("main.user", "https://other.example.com/keys")).jwksUri("main",
				definition("https://unreachable.invalid/"))).isEqualTo("https://other.example.com/keys");
	}

	@Test
	void discoveryDocumentOfAnotherIssuerIsRefused() {
		this.document = "{\"issuer\":\"https://someone-else.example.com\",\"jwks_uri\":\"https://keys.example.com/jwks\"}";
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> resolver(Map.of()).jwksUri("main", definition(this.issuer)))
			.withMessageContaining("names issuer 'https://someone-else.example.com'");
	}

	@Test
	void unreachableIssuerSaysHowToSetTheJwksUri() {
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> resolver(Map.of()).jwksUri("main", definition(this.issuer + "/missing")))
			.withMessageContaining("-Dnitric.jwksUri.main.user=");
	}

	private static JwksUris resolver(Map<String, String> overrides) {
		return JwksUris.overridesThenDiscovery(overrides, Duration.ofSeconds(2));
	}

	private static SecurityDefinition definition(String issuer) {
		return new SecurityDefinition("user", SecurityDefinition.Kind.JWT, issuer, List.of("orders"));
	}

}
