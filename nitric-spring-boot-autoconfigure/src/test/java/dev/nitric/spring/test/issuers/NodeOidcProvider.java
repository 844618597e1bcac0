package dev.nitric.spring.test.issuers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.nitric.spring.test.issuers.TokenRequest.ScopeClaim;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture: panva's {@code oidc-provider} (an OpenID-certified issuer) run by node as a separate process, from
 * {@code nitric-spring-boot-autoconfigure/src/test/oidc-provider/server.mjs}, with one confidential client
 * (client_secret_basic) for the client_credentials grant. The build installs the package there ({@code npm ci}, phase
 * {@code generate-test-resources}); {@code node} must be on the {@code PATH}.
 * <p>
 * The process listens on an ephemeral loopback port and prints its issuer, {@code http://127.0.0.1:<port>}; starting
 * waits for that line and for the discovery document (at most {@value #START_TIMEOUT_SECONDS} s). {@link #close()}
 * stops the process; a shutdown hook does too if a test forgets.
 * <p>
 * What a token can vary:
 * <ul>
 * <li>{@code aud}: the requested audience, sent as the RFC 8707 {@code resource} indicator, so it must be an absolute
 * URI (such as {@code https://api.example.test} or {@code urn:example:api}); {@code urn:nitric:test} by default.</li>
 * <li>{@code scope}: the requested scopes, which must be among the client's ({@link Builder#scopes(String...)}), as a
 * space-delimited string (the only encoding it emits; {@link ScopeClaim#ARRAY} is refused). With no scopes requested,
 * the token has no {@code scope} claim.</li>
 * <li>signature: RS256 (2048-bit RSA) by default, ES256 (P-256) with {@link Builder#algorithm(SigningAlgorithm)}. The
 * JWKS publishes one RSA and one EC key, with {@code kid}s, whichever signs.</li>
 * </ul>
 * Fixed: header {@code typ: at+jwt} (RFC 9068; Spring Security rejects it by default); {@code sub} is the client id (a
 * requested subject is refused); claims {@code iss}, {@code iat}, {@code exp} (5 minutes), {@code jti} and
 * {@code client_id}; no {@code nbf}.
 * <p>
 * The folder is found from the working directory ({@code src/test/oidc-provider}, or the autoconfigure module's from
 * a sibling module) unless the system property {@value #DIRECTORY_PROPERTY} names it; the system property
 * {@value #NODE_PROPERTY} overrides the {@code node} executable.
 */
public final class NodeOidcProvider implements OidcIssuer {

	/**
	 * System property: the folder with {@code server.mjs} and its installed {@code node_modules}.
	 */
	public static final String DIRECTORY_PROPERTY = "nitric.test.oidc-provider.dir";

	/**
	 * System property: the node executable; {@code node} by default.
	 */
	public static final String NODE_PROPERTY = "nitric.test.node";

	/**
	 * The default scopes of the client.
	 */
	public static final List<String> DEFAULT_SCOPES = List.of("user.read", "user.write", "a", "b", "c");

	static final int START_TIMEOUT_SECONDS = 20;

	private static final String READY = "oidc-provider ready at ";

	private final Process process;

	private final Thread shutdownHook;

	private final String issuer;

	private final String clientId;

	private final String clientSecret;

	private NodeOidcProvider(Process process, Thread shutdownHook, String issuer, String clientId,
			String clientSecret) {
		this.process = process;
		this.shutdownHook = shutdownHook;
		this.issuer = issuer;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * Start a provider with the defaults: RS256, client {@code nitric-test}, scopes {@link #DEFAULT_SCOPES}.
	 * @return the running provider
	 */
	public static NodeOidcProvider start() {
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
	 * The client's id, the {@code sub} and {@code client_id} of its tokens.
	 * @return the client id
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The node process's id, for diagnostics.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	@Override
	public String token(TokenRequest request) {
		if (request.scopeClaim() == ScopeClaim.ARRAY) {
			throw new UnsupportedOperationException("oidc-provider encodes scope as a space-delimited string only");
		}
		if (request.subject() != null && !request.subject().equals(this.clientId)) {
			throw new UnsupportedOperationException(
					"oidc-provider's client_credentials tokens have the client id as sub, not " + request.subject());
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		if (!request.scopes().isEmpty()) {
			parameters.put("scope", String.join(" ", request.scopes()));
		}
		if (request.audience() != null) {
			parameters.put("resource", request.audience());
		}
		return IssuerHttp.clientCredentials(this, this.clientId, this.clientSecret, parameters);
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down; the hook stops the process.
		}
		stop(this.process);
	}

	@Override
	public String toString() {
		return "NodeOidcProvider[" + this.issuer + ", pid " + this.process.pid() + "]";
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Options of a {@link NodeOidcProvider}.
	 */
	public static final class Builder {

		private SigningAlgorithm algorithm = SigningAlgorithm.RS256;

		private String clientId = "nitric-test";

		private String clientSecret = "nitric-test-secret";

		private List<String> scopes = DEFAULT_SCOPES;

		private @Nullable Path directory;

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
		 * The folder with {@code server.mjs} and its installed {@code node_modules}.
		 * @param directory the folder; found from the working directory by default
		 * @return this builder
		 */
		public Builder directory(Path directory) {
			this.directory = directory;
			return this;
		}

		/**
		 * Start the provider and wait until its discovery document answers.
		 * @return the running provider
		 * @throws IllegalStateException if node or the installed package is missing, or the provider does not
		 * answer in time
		 */
		public NodeOidcProvider start() {
			Path folder = (this.directory != null) ? this.directory : locate();
			if (!Files.isRegularFile(folder.resolve("server.mjs"))) {
				throw new IllegalStateException("No server.mjs in " + folder.toAbsolutePath());
			}
			if (!Files.isRegularFile(folder.resolve("node_modules/oidc-provider/package.json"))) {
				throw new IllegalStateException("oidc-provider is not installed in " + folder.toAbsolutePath()
						+ ": run the build's generate-test-resources phase of nitric-spring-boot-autoconfigure"
						+ " (it runs npm ci there), or npm ci in that folder");
			}
			String node = System.getProperty(NODE_PROPERTY, "node");
			ProcessBuilder builder = new ProcessBuilder(node, "server.mjs", "0").directory(folder.toFile())
				.redirectErrorStream(true);
			builder.environment().put("OIDC_CLIENT_ID", this.clientId);
			builder.environment().put("OIDC_CLIENT_SECRET", this.clientSecret);
			builder.environment().put("OIDC_SCOPES", String.join(" ", this.scopes));
			builder.environment().put("OIDC_ALG", this.algorithm.name());
			Process process;
			try {
				process = builder.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot run '" + node + "' (is node on the PATH? Node 20 or later;"
						+ " or set -D" + NODE_PROPERTY + "=<path to node>)", ex);
			}
			Thread hook = new Thread(() -> stop(process), "nitric-test-oidc-provider-stop");
			Runtime.getRuntime().addShutdownHook(hook);
			try {
				String issuer = awaitReady(process);
				NodeOidcProvider provider = new NodeOidcProvider(process, hook, issuer, this.clientId,
						this.clientSecret);
				awaitDiscovery(provider);
				return provider;
			}
			catch (RuntimeException ex) {
				Runtime.getRuntime().removeShutdownHook(hook);
				stop(process);
				throw ex;
			}
		}

		private static String awaitReady(Process process) {
			List<String> output = new ArrayList<>();
			CompletableFuture<String> ready = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						synchronized (output) {
							output.add(line);
						}
						if (line.startsWith(READY)) {
							ready.complete(line.substring(READY.length()).trim());
						}
					}
				}
				catch (IOException ex) {
					// The process ended.
				}
				ready.completeExceptionally(new IllegalStateException("node exited with " + exitCode(process)));
			}, "nitric-test-oidc-provider-output");
			reader.setDaemon(true);
			reader.start();
			try {
				return ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				String lines;
				synchronized (output) {
					lines = String.join(System.lineSeparator(), output);
				}
				throw new IllegalStateException("oidc-provider did not print its ready line within "
						+ START_TIMEOUT_SECONDS + " s; its output:" + System.lineSeparator() + lines, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while starting oidc-provider", ex);
			}
		}

		private static void awaitDiscovery(NodeOidcProvider provider) {
			long deadline = System.nanoTime() + Duration.ofSeconds(START_TIMEOUT_SECONDS).toNanos();
			IOException last = null;
			while (System.nanoTime() < deadline) {
				try {
					IssuerHttp.getJsonObject(provider.discoveryUri());
					return;
				}
				catch (IOException ex) {
					last = ex;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while starting oidc-provider", ex);
				}
			}
			throw new IllegalStateException("oidc-provider's discovery document did not answer within "
					+ START_TIMEOUT_SECONDS + " s at " + provider.discoveryUri(), last);
		}

		private static String exitCode(Process process) {
			try {
				return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "(unknown)";
			}
		}

		private static Path locate() {
			String configured = System.getProperty(DIRECTORY_PROPERTY);
			if (configured != null) {
				return Path.of(configured);
			}
			Path here = Path.of("").toAbsolutePath();
			List<Path> candidates = new ArrayList<>();
			candidates.add(here.resolve("src/test/oidc-provider"));
			for (Path dir = here; dir != null; dir = dir.getParent()) {
				candidates.add(dir.resolve("nitric-spring-boot-autoconfigure/src/test/oidc-provider"));
			}
			return candidates.stream()
				.filter((candidate) -> Files.isRegularFile(candidate.resolve("server.mjs")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Cannot find the oidc-provider folder from " + here
						+ "; set -D" + DIRECTORY_PROPERTY + "=<.../nitric-spring-boot-autoconfigure/src/test/oidc-provider>"));
		}

	}

}
