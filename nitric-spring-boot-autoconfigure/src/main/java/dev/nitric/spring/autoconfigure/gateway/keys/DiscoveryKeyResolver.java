package dev.nitric.spring.autoconfigure.gateway.keys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.gateway.JwksPolicy;
import dev.nitric.spring.gateway.JwksResult;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.json.Json;
import dev.nitric.spring.model.SecurityDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link KeyResolver} that finds each issuer's keys by OpenID Connect discovery, as the gateways do:
 * {@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must equal the configured issuer exactly,
 * then its {@code jwks_uri}.
 * <p>
 * Keys are fetched in the background: once when {@link #start() started} (at application start-up, so that no
 * request waits for a fetch), then every {@link JwksPolicy#refreshInterval()}. {@link #keys} never performs I/O; it
 * answers {@link JwksResult.Unavailable} until the first successful fetch. A failed refresh keeps the last good keys,
 * as the gateways keep serving their cached keys; a failure is logged at WARN once per change of state (issuer and
 * reason only, never a document), and service resumes at the next successful refresh.
 * {@link #keysAfterUnknownKid} fetches synchronously, at most once per {@link JwksPolicy#unknownKidRefetch()} per
 * issuer, and only for gateways that refetch on an unknown {@code kid}.
 * <p>
 * Fetching is defensive: HTTP(S) only, redirects are not followed, each request is bounded by
 * {@link JwksPolicy#fetchTimeout()} and each document by {@link JwksPolicy#maxJwksBytes()}; {@code jku} and
 * {@code x5u} are never followed. Issuers registered as {@link #localIssuer local} (the development issuer) are
 * answered from memory.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">OpenID Connect Discovery
 * 1.0 §4</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html">AWS HTTP
 * API JWT authorizers (key cache)</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/validate-jwt-policy">Azure validate-jwt
 * (openid-config, refetch on unknown kid)</a>
 */
public final class DiscoveryKeyResolver implements KeyResolver, AutoCloseable {

	private static final Log logger = LogFactory.getLog(DiscoveryKeyResolver.class);

	private static final String WELL_KNOWN = ".well-known/openid-configuration";

	private final Set<String> issuers;

	private final Map<String, Supplier<JsonWebKeySet>> localIssuers = new ConcurrentHashMap<>();

	private final Map<String, IssuerState> states = new ConcurrentHashMap<>();

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	private final JwksPolicy policy;

	private final Object clientLock = new Object();

	private volatile @Nullable HttpClient client;

	private final Clock clock;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a resolver for the given issuers.
	 * @param issuers the issuers whose keys are fetched
	 * @param policy how often to refresh, timeouts and size limits
	 * @param clock the clock used to rate-limit fetches
	 */
	public DiscoveryKeyResolver(Collection<String> issuers, JwksPolicy policy, Clock clock) {
		Assert.notNull(policy, "JwksPolicy must not be null");
		this.issuers = new LinkedHashSet<>(issuers);
		this.policy = policy;
		this.clock = clock;
	}

	/** The HTTP client, created on the first fetch: an application with only local issuers never starts one. */
	private HttpClient client() {
		HttpClient client = this.client;
		if (client == null) {
			synchronized (this.clientLock) {
				client = this.client;
				if (client == null) {
					client = HttpClient.newBuilder()
						.connectTimeout(this.policy.fetchTimeout())
						.followRedirects(HttpClient.Redirect.NEVER)
						.build();
					this.client = client;
				}
			}
		}
		return client;
	}

	/**
	 * Answer an issuer's keys from memory instead of fetching them (the development issuer, served by this very
	 * application).
	 * @param issuer the issuer
	 * @param keys its keys
	 * @return this resolver
	 */
	public DiscoveryKeyResolver localIssuer(String issuer, JsonWebKeySet keys) {
		return localIssuer(issuer, () -> keys);
	}

	/**
	 * Answer an issuer's keys from memory, asking for them on each look-up (the development issuer, whose key is
	 * generated in the background at start-up).
	 * @param issuer the issuer
	 * @param keys gives its keys, without I/O; should give the same object each time, so that the cache of verified
	 * tokens hits
	 * @return this resolver
	 */
	public DiscoveryKeyResolver localIssuer(String issuer, Supplier<JsonWebKeySet> keys) {
		this.localIssuers.put(issuer, keys);
		this.issuers.remove(issuer);
		return this;
	}

	/**
	 * The issuers fetched by discovery.
	 * @return the issuers, in declaration order
	 */
	public Set<String> issuers() {
		return Set.copyOf(this.issuers);
	}

	/**
	 * Start fetching in the background, now and then every refresh interval, on a daemon thread. Does nothing when
	 * already started or when there is no issuer to fetch.
	 */
	public synchronized void start() {
		if (this.scheduler != null || this.issuers.isEmpty()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "nitric-jwks-refresh");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(1, this.policy.refreshInterval().toMillis());
		this.scheduler.scheduleWithFixedDelay(this::refreshAll, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop the background fetching.
	 */
	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	/**
	 * Fetch every issuer's keys now, on the calling thread. Never throws: failures are recorded per issuer.
	 */
	public void refreshAll() {
		for (String issuer : this.issuers) {
			try {
				refresh(issuer);
			}
			catch (RuntimeException ex) {
				record(issuer, null, "unexpected " + ex.getClass().getSimpleName());
			}
		}
	}

	@Override
	public JwksResult keys(SecurityDefinition definition) {
		String issuer = definition.issuer();
		if (issuer == null) {
			return new JwksResult.Unavailable("Security definition '" + definition.name() + "' has no issuer");
		}
		Supplier<JsonWebKeySet> local = this.localIssuers.get(issuer);
		if (local != null) {
			return new JwksResult.Keys(local.get());
		}
		if (!this.issuers.contains(issuer)) {
			return new JwksResult.Unavailable("Issuer " + issuer + " is not declared in the manifest");
		}
		IssuerState state = this.states.get(issuer);
		if (state == null) {
			return new JwksResult.Unavailable("The keys of issuer " + issuer + " have not been fetched yet");
		}
		if (state.keys() != null) {
			return new JwksResult.Keys(state.keys());
		}
		return new JwksResult.Unavailable("The keys of issuer " + issuer + " are unavailable: " + state.failure());
	}

	@Override
	public JwksResult keysAfterUnknownKid(SecurityDefinition definition, JwksPolicy policy) {
		String issuer = definition.issuer();
		if (issuer != null && policy.refetchesOnUnknownKid() && this.issuers.contains(issuer)
				&& isDue(issuer, policy)) {
			synchronized (lock(issuer)) {
				if (isDue(issuer, policy)) {
					refresh(issuer);
				}
			}
		}
		return keys(definition);
	}

	private boolean isDue(String issuer, JwksPolicy policy) {
		IssuerState state = this.states.get(issuer);
		return state == null || !this.clock.instant().isBefore(state.fetchedAt().plus(policy.unknownKidRefetch()));
	}

	private void refresh(String issuer) {
		synchronized (lock(issuer)) {
			try {
				record(issuer, fetch(issuer), null);
			}
			catch (FetchException ex) {
				record(issuer, null, ex.getMessage());
			}
		}
	}

	private Object lock(String issuer) {
		return this.locks.computeIfAbsent(issuer, (key) -> new Object());
	}

	private void record(String issuer, @Nullable JsonWebKeySet keys, @Nullable String failure) {
		Instant now = this.clock.instant();
		IssuerState previous = this.states.get(issuer);
		if (keys != null) {
			this.states.put(issuer, new IssuerState(keys, null, now));
			if (previous != null && previous.failure() != null) {
				logger.info("Keys of issuer " + issuer + " fetched again after a failure (" + keys.keys().size()
						+ " usable keys)");
			}
			return;
		}
		JsonWebKeySet kept = (previous != null) ? previous.keys() : null;
		this.states.put(issuer, new IssuerState(kept, failure, now));
		if (previous == null || !String.valueOf(failure).equals(previous.failure())) {
			logger.warn("Cannot fetch the keys of issuer " + issuer + ": " + failure
					+ ((kept != null) ? "; the last keys fetched stay in use" : "; tokens of this issuer are rejected"));
		}
	}

	private JsonWebKeySet fetch(String issuer) throws FetchException {
		URI discovery = uri(discoveryUrl(issuer), "discovery URL");
		Object document = parse(get(discovery, "discovery document"), "discovery document");
		if (!(document instanceof Map<?, ?> metadata)) {
			throw new FetchException("the discovery document at " + discovery + " is not a JSON object");
		}
		if (!issuer.equals(metadata.get("issuer"))) {
			throw new FetchException("the discovery document at " + discovery + " names issuer "
					+ describe(metadata.get("issuer")) + ", not " + issuer + " (they must be equal, character for character)");
		}
		if (!(metadata.get("jwks_uri") instanceof String jwksUri) || jwksUri.isBlank()) {
			throw new FetchException("the discovery document at " + discovery + " has no jwks_uri");
		}
		URI jwks = uri(jwksUri, "jwks_uri");
		try {
			return JsonWebKeySet.parse(get(jwks, "JWKS"));
		}
		catch (IllegalArgumentException ex) {
			throw new FetchException("the JWKS at " + jwks + " is malformed: " + ex.getMessage());
		}
	}

	private String get(URI uri, String what) throws FetchException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.policy.fetchTimeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw new FetchException("HTTP " + response.statusCode() + " from the " + what + " at " + uri
							+ ((response.statusCode() / 100 == 3) ? " (redirects are not followed)" : ""));
				}
				byte[] bytes = body.readNBytes(this.policy.maxJwksBytes() + 1);
				if (bytes.length > this.policy.maxJwksBytes()) {
					throw new FetchException("the " + what + " at " + uri + " is larger than "
							+ this.policy.maxJwksBytes() + " bytes");
				}
				return new String(bytes, StandardCharsets.UTF_8);
			}
		}
		catch (HttpTimeoutException ex) {
			throw new FetchException("the " + what + " at " + uri + " did not arrive within "
					+ this.policy.fetchTimeout().toMillis() + " ms");
		}
		catch (IOException ex) {
			throw new FetchException("cannot fetch the " + what + " at " + uri + ": " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FetchException("interrupted while fetching the " + what + " at " + uri);
		}
	}

	private static @Nullable Object parse(String json, String what) throws FetchException {
		try {
			return Json.parse(json);
		}
		catch (IllegalArgumentException ex) {
			throw new FetchException("the " + what + " is not valid JSON: " + ex.getMessage());
		}
	}

	private static URI uri(String value, String what) throws FetchException {
		try {
			URI uri = URI.create(value);
			if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
				throw new FetchException("the " + what + " " + value + " is not an http(s) URL");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new FetchException("the " + what + " " + value + " is not a valid URL");
		}
	}

	private static String describe(@Nullable Object value) {
		return (value instanceof String text) ? text : "nothing";
	}

	/**
	 * The discovery URL of an issuer: {@code /.well-known/openid-configuration} appended to the issuer, with exactly
	 * one slash between them.
	 * @param issuer the issuer
	 * @return the URL
	 */
	public static String discoveryUrl(String issuer) {
		return issuer.endsWith("/") ? issuer + WELL_KNOWN : issuer + "/" + WELL_KNOWN;
	}

	private record IssuerState(@Nullable JsonWebKeySet keys, @Nullable String failure, Instant fetchedAt) {
	}

	private static final class FetchException extends Exception {

		private static final long serialVersionUID = 1L;

		FetchException(String message) {
			super(message, null, false, false);
		}

	}

}
