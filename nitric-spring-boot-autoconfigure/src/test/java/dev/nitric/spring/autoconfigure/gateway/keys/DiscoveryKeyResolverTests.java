package dev.nitric.spring.autoconfigure.gateway.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer;
import dev.nitric.spring.gateway.JwksPolicy;
import dev.nitric.spring.gateway.JwksResult;
import dev.nitric.spring.model.SecurityDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveryKeyResolver}, against a real local HTTP server serving discovery and JWKS.
 */
class DiscoveryKeyResolverTests {

	private static final JwksPolicy POLICY = new JwksPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5),
			Duration.ofSeconds(2), 64 * 1024);

	private static final String JWKS = new DevelopmentIssuer("https://unused", List::of, Clock.systemUTC()).jwksJson();

	private HttpServer server;

	private String issuer;

	private volatile String discoveryIssuer;

	private volatile String jwks = JWKS;

	private volatile int jwksStatus = 200;

	private final AtomicInteger requests = new AtomicInteger();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/tenant";
		this.discoveryIssuer = this.issuer;
		this.server.createContext("/tenant/.well-known/openid-configuration", (exchange) -> respond(exchange, 200,
				"{\"issuer\":\"" + this.discoveryIssuer + "\",\"jwks_uri\":\"" + this.issuer + "/keys\"}"));
		this.server.createContext("/tenant/keys", (exchange) -> respond(exchange, this.jwksStatus, this.jwks));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void keysBeforeAnyFetchAreUnavailableWithoutDoingIo() {
		DiscoveryKeyResolver resolver = resolver();
		assertThat(resolver.keys(definition())).isInstanceOf(JwksResult.Unavailable.class);
		assertThat(this.requests).hasValue(0);
	}

	@Test
	void startFetchesInTheBackgroundSoKeysAreAvailableWithoutARequestDoingIo() throws Exception {
		try (DiscoveryKeyResolver resolver = resolver()) {
			resolver.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!(resolver.keys(definition()) instanceof JwksResult.Keys) && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			int fetched = this.requests.get();
			assertThat(fetched).isEqualTo(2);
			assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Keys.class,
					(keys) -> assertThat(keys.keys().keys()).hasSize(1));
			assertThat(this.requests).hasValue(fetched);
		}
	}

	@Test
	void issuerWithTrailingSlashIsJoinedWithoutDoublingTheSlash() {
		assertThat(DiscoveryKeyResolver.discoveryUrl("https://a.example/"))
			.isEqualTo("https://a.example/.well-known/openid-configuration");
		assertThat(DiscoveryKeyResolver.discoveryUrl("https://a.example/t"))
			.isEqualTo("https://a.example/t/.well-known/openid-configuration");
	}

	@Test
	void discoveryNamingAnotherIssuerMakesKeysUnavailable() {
		this.discoveryIssuer = this.issuer + "/";
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason()).contains("names issuer " + this.issuer + "/"));
	}

	@Test
	void malformedJwksMakesKeysUnavailableWithoutThrowing() {
		this.jwks = "{\"keys\": [";
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason()).contains("malformed").doesNotContain("keys\": ["));
	}

	@Test
	void oversizedJwksIsRefused() {
		this.jwks = "{\"keys\":[]," + "\"x\":\"" + "a".repeat(70 * 1024) + "\"}";
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason()).contains("larger than"));
	}

	@Test
	void redirectIsNotFollowed() {
		this.jwksStatus = 302;
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason()).contains("HTTP 302"));
	}

	@Test
	void failedRefreshKeepsTheLastGoodKeys() {
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		this.jwksStatus = 500;
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOf(JwksResult.Keys.class);
	}

	@Test
	void serviceResumesAtTheNextRefreshWhenTheIssuerComesBack() throws IOException {
		int port = this.server.getAddress().getPort();
		this.server.stop(0);
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOfSatisfying(JwksResult.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason()).contains("cannot fetch"));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/tenant/.well-known/openid-configuration", (exchange) -> respond(exchange, 200,
				"{\"issuer\":\"" + this.issuer + "\",\"jwks_uri\":\"" + this.issuer + "/keys\"}"));
		this.server.createContext("/tenant/keys", (exchange) -> respond(exchange, 200, JWKS));
		this.server.start();
		resolver.refreshAll();
		assertThat(resolver.keys(definition())).isInstanceOf(JwksResult.Keys.class);
	}

	@Test
	void unknownKidRefetchIsRateLimitedPerIssuer() {
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		assertThat(this.requests).hasValue(2);
		resolver.keysAfterUnknownKid(definition(), POLICY);
		assertThat(this.requests).as("fetched less than five minutes ago").hasValue(2);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(resolver.keysAfterUnknownKid(definition(), POLICY)).isInstanceOf(JwksResult.Keys.class);
		assertThat(this.requests).hasValue(4);
		resolver.keysAfterUnknownKid(definition(), POLICY);
		assertThat(this.requests).hasValue(4);
	}

	@Test
	void unknownKidNeverRefetchesForGatewaysThatDoNot() {
		DiscoveryKeyResolver resolver = resolver();
		resolver.refreshAll();
		this.clock.advance(Duration.ofHours(1));
		resolver.keysAfterUnknownKid(definition(),
				new JwksPolicy(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(2), 1024));
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void localIssuerIsAnsweredFromMemory() {
		DevelopmentIssuer development = new DevelopmentIssuer("http://localhost:8080/nitric/dev-issuer", List::of,
				this.clock);
		DiscoveryKeyResolver resolver = new DiscoveryKeyResolver(List.of(development.issuer()), POLICY, this.clock)
			.localIssuer(development.issuer(), development.keySet());
		assertThat(resolver.issuers()).isEmpty();
		assertThat(resolver.keys(SecurityDefinition.jwt("dev").issuer(development.issuer())))
			.isInstanceOfSatisfying(JwksResult.Keys.class,
					(keys) -> assertThat(keys.keys().containsKid(development.kid())).isTrue());
	}

	private DiscoveryKeyResolver resolver() {
		return new DiscoveryKeyResolver(List.of(this.issuer), POLICY, this.clock);
	}

	private SecurityDefinition definition() {
		return SecurityDefinition.jwt("user").issuer(this.issuer).audiences("planets");
	}

	private void respond(HttpExchange exchange, int status, String body) throws IOException {
		this.requests.incrementAndGet();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (status == 302) {
			exchange.getResponseHeaders().add("Location", "http://elsewhere.example/keys");
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
