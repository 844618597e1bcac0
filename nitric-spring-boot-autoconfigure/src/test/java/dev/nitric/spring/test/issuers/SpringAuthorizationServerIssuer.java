package dev.nitric.spring.test.issuers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.test.issuers.TokenRequest.ScopeClaim;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test fixture: an in-process Spring Authorization Server, started as its own {@link SpringApplication} on a loopback
 * port, with one confidential client (client_secret_basic) for the client_credentials grant.
 * <p>
 * It reads no application properties ({@code spring.config.name=nitric-test-issuer}) and leaves the test JVM's
 * logging configuration alone. The issuer is {@code http://127.0.0.1:<port>}, set explicitly, so discovery, tokens and
 * {@link #issuer()} agree however the server is addressed.
 * <p>
 * What a token can vary:
 * <ul>
 * <li>{@code aud}: the requested audience, any string (custom token request parameter {@code audience}); by default
 * Spring Authorization Server's: the client id.</li>
 * <li>{@code sub}: the requested subject (custom parameter {@code subject}); by default the client id.</li>
 * <li>{@code scope}: the requested scopes, which must be among the client's ({@link Builder#scopes(String...)}); a JSON
 * array by default (Spring Authorization Server's encoding), a space-delimited string with {@link ScopeClaim#STRING}.
 * With no scopes requested, the token has no {@code scope} claim.</li>
 * <li>signature: RS256 (2048-bit RSA) by default, ES256 (P-256) with {@link Builder#algorithm(SigningAlgorithm)}; one
 * key per issuer, with a {@code kid}.</li>
 * </ul>
 * Fixed: the header is only {@code alg} and {@code kid} (no {@code typ}, although earlier probes noted
 * {@code typ: JWT}); claims {@code iss}, {@code iat}, {@code nbf}, {@code exp} (5 minutes) and {@code jti}; no
 * {@code client_id} claim.
 * <pre>{@code
 * static OidcIssuer issuer = SpringAuthorizationServerIssuer.start();
 * String token = issuer.token(TokenRequest.forScopes("user.read").audience("https://api.example.test"));
 * }</pre>
 * <p>
 * <strong>Class path caveat.</strong> A module whose tests use this fixture needs
 * {@code spring-boot-starter-security-oauth2-authorization-server} on its test class path (test-scoped dependencies of
 * this test-jar are not inherited). That starter brings Spring Security, whose auto-configuration then also secures
 * the application under test (everything answers 401) unless it is excluded there:
 * <pre>{@code
 * @SpringBootTest(properties = "spring.autoconfigure.exclude="
 * 		+ SpringAuthorizationServerIssuer.EXCLUDE_FROM_APP_WITHOUT_SECURITY)
 * }</pre>
 * An application with Spring Security of its own excludes only {@link #AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS}.
 */
public final class SpringAuthorizationServerIssuer implements OidcIssuer {

	/**
	 * The default scopes of the client.
	 */
	public static final List<String> DEFAULT_SCOPES = List.of("user.read", "user.write", "a", "b", "c");

	/**
	 * The authorization server's auto-configurations, comma-separated, for {@code spring.autoconfigure.exclude} of an
	 * application under test that has Spring Security of its own.
	 */
	public static final String AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS = AuthorizationServerAutoConfigurations.SERVER
			+ "," + AuthorizationServerAutoConfigurations.JWT;

	/**
	 * The authorization server's and Spring Security's servlet auto-configurations, comma-separated, for
	 * {@code spring.autoconfigure.exclude} of an application under test without Spring Security (such as the demo).
	 */
	public static final String EXCLUDE_FROM_APP_WITHOUT_SECURITY = AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS + ","
			+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	private static final String CLIENT = "spring.security.oauth2.authorizationserver.client.nitric-test.registration.";

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private final String clientId;

	private final String clientSecret;

	private SpringAuthorizationServerIssuer(ConfigurableApplicationContext context, String issuer, String clientId,
			String clientSecret) {
		this.context = context;
		this.issuer = issuer;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * Start an issuer with the defaults: RS256, client {@code nitric-test}, scopes {@link #DEFAULT_SCOPES}.
	 * @return the running issuer
	 */
	public static SpringAuthorizationServerIssuer start() {
		return builder().start();
	}

	/**
	 * A builder to choose the algorithm, client and scopes.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String issuer() {
		return this.issuer;
	}

	/**
	 * The client's id, the default {@code sub} and {@code aud} of its tokens.
	 * @return the client id
	 */
	public String clientId() {
		return this.clientId;
	}

	@Override
	public String token(TokenRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (!request.scopes().isEmpty()) {
			parameters.put("scope", String.join(" ", request.scopes()));
		}
		if (request.audience() != null) {
			parameters.put(SpringAuthorizationServerIssuerConfiguration.AUDIENCE, request.audience());
		}
		if (request.subject() != null) {
			parameters.put(SpringAuthorizationServerIssuerConfiguration.SUBJECT, request.subject());
		}
		if (request.scopeClaim() == ScopeClaim.STRING) {
			parameters.put(SpringAuthorizationServerIssuerConfiguration.SCOPE_CLAIM, "string");
		}
		return IssuerHttp.clientCredentials(this, this.clientId, this.clientSecret, parameters);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return "SpringAuthorizationServerIssuer[" + this.issuer + "]";
	}

	/**
	 * Options of a {@link SpringAuthorizationServerIssuer}.
	 */
	public static final class Builder {

		private static final int ATTEMPTS = 3;

		private SigningAlgorithm algorithm = SigningAlgorithm.RS256;

		private String clientId = "nitric-test";

		private String clientSecret = "nitric-test-secret";

		private List<String> scopes = DEFAULT_SCOPES;

		private Builder() {
		}

		/**
		 * How access tokens are signed.
		 * @param algorithm the algorithm; RS256 by default
		 * @return this builder
		 */
		public Builder algorithm(SigningAlgorithm algorithm) {
			this.algorithm = algorithm;
			return this;
		}

		/**
		 * The client's credentials.
		 * @param clientId the client id; {@code nitric-test} by default
		 * @param clientSecret the client secret
		 * @return this builder
		 */
		public Builder client(String clientId, String clientSecret) {
			this.clientId = clientId;
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * The scopes the client may request.
		 * @param scopes the scopes; {@link #DEFAULT_SCOPES} by default
		 * @return this builder
		 */
		public Builder scopes(String... scopes) {
			this.scopes = List.of(scopes);
			return this;
		}

		/**
		 * Start the issuer. The port is chosen free first, because the issuer setting must name it before the
		 * server starts; a lost race for it is retried.
		 * @return the running issuer
		 */
		public SpringAuthorizationServerIssuer start() {
			RuntimeException failure = null;
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				int port = freePort();
				String issuer = "http://127.0.0.1:" + port;
				try {
					return new SpringAuthorizationServerIssuer(application(port, issuer).run(), issuer, this.clientId,
							this.clientSecret);
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
			}
			throw new IllegalStateException("Spring Authorization Server did not start", failure);
		}

		private SpringApplication application(int port, String issuer) {
			List<String> properties = new ArrayList<>(List.of("spring.config.name=nitric-test-issuer",
					"spring.application.name=nitric-test-issuer", "spring.jmx.enabled=false",
					"server.address=127.0.0.1", "server.port=" + port, "server.shutdown=immediate",
					"spring.security.oauth2.authorizationserver.issuer=" + issuer,
					SpringAuthorizationServerIssuerConfiguration.ALGORITHM_PROPERTY + "=" + this.algorithm.name(),
					CLIENT + "client-id=" + this.clientId, CLIENT + "client-secret={noop}" + this.clientSecret,
					CLIENT + "client-authentication-methods=client_secret_basic",
					CLIENT + "authorization-grant-types=client_credentials"));
			if (!this.scopes.isEmpty()) {
				properties.add(CLIENT + "scopes=" + String.join(",", this.scopes));
			}
			SpringApplication application = new SpringApplicationBuilder(
					SpringAuthorizationServerIssuerConfiguration.class)
				.web(WebApplicationType.SERVLET)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(properties.toArray(String[]::new))
				.build();
			// Starting a second application re-initializes logging; the test JVM's logging belongs to its own tests.
			application.setListeners(application.getListeners()
				.stream()
				.filter((listener) -> !(listener instanceof LoggingApplicationListener))
				.toList());
			return application;
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException("No free loopback port", ex);
			}
		}

	}

	private static final class AuthorizationServerAutoConfigurations {

		private static final String PACKAGE = "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.";

		private static final String SERVER = PACKAGE + "OAuth2AuthorizationServerAutoConfiguration";

		private static final String JWT = PACKAGE + "OAuth2AuthorizationServerJwtAutoConfiguration";

	}

}
