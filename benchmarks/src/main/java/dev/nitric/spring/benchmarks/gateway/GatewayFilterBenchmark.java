package dev.nitric.spring.benchmarks.gateway;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.nitric.spring.autoconfigure.gateway.DecisionLogger;
import dev.nitric.spring.autoconfigure.gateway.DecisionMetrics;
import dev.nitric.spring.autoconfigure.gateway.GatewayDecisionListener;
import dev.nitric.spring.autoconfigure.gateway.NitricGatewayFilter;
import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Gateways;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.TestJwts;
import dev.nitric.spring.gateway.TestKeys;
import dev.nitric.spring.gateway.VerifiedTokenCache;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet filter's own cost per request ({@link NitricGatewayFilter#doFilter}), without Tomcat and Spring MVC:
 * route look-up, the copy of the request the gateway sees, the gateway's check (token cache on, as by default), the
 * decision's log line check and counter, and the request wrapper the application reads. The requests carry the
 * headers a load generator sends ({@code Host}, {@code User-Agent}, {@code Accept}), plus the bearer token on the
 * secured route; the application (the filter chain) reads the principal and one header.
 * <ul>
 * <li>{@code publicRoute}: {@code GET /planets/unsecured-planet}, a public route of the manifest;</li>
 * <li>{@code securedRoute}: {@code GET /planets} with a valid token (RS256-2048);</li>
 * <li>{@code noRoute}: {@code GET /actuator/health}, which no route of the manifest matches (the filter's floor).</li>
 * </ul>
 * The difference between {@code securedRoute} and {@code publicRoute} is what security costs per request in the
 * filter; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GatewayFilterBenchmark {

	/** The target cloud's gateway. */
	@Param({ "PORTABLE", "AWS" })
	public TargetCloud cloud;

	private NitricGatewayFilter filter;

	private MockHttpServletRequest publicRequest;

	private MockHttpServletRequest securedRequest;

	private MockHttpServletRequest otherRequest;

	private Blackhole blackhole;

	/**
	 * Build the filter and the requests, and check that both routes let their request through.
	 * @param blackhole where the application's reads go
	 * @throws Exception if a request is not let through
	 */
	@Setup
	public void setUp(Blackhole blackhole) throws Exception {
		this.blackhole = blackhole;
		Instant now = Instant.now();
		SecurityDefinition user = SecurityDefinition.jwt("user").issuer(TestJwts.ISSUER).audiences(TestJwts.AUDIENCE);
		List<SecurityRequirement> apiSecurity = List.of(SecurityRequirement.of("user", "user.read"));
		Manifest manifest = new Manifest(1, "benchmark",
				List.of(new ApiManifest("main", List.of(user), apiSecurity,
						List.of(new RouteManifest("GET", "/planets", "Planets#planets", apiSecurity, SecuritySource.API),
								new RouteManifest("GET", "/planets/unsecured-planet", "Planets#unsecured", List.of(),
										SecuritySource.ROUTE)))),
				List.of());
		KeyResolver keys = new FixedKeyResolver(TestKeys.set(TestKeys.k1()));
		List<GatewayDecisionListener> listeners = List.of(new DecisionLogger(),
				new DecisionMetrics(SimpleMeterRegistry::new));
		this.filter = new NitricGatewayFilter(() -> manifest,
				() -> Gateways.of(this.cloud, VerifiedTokenCache.withCapacity(VerifiedTokenCache.DEFAULT_CAPACITY)),
				() -> keys, () -> listeners, Clock.systemUTC());
		String token = TestJwts.baseline(now).claim("exp", now.getEpochSecond() + 3600).claim("scope", "user.read")
			.build();
		this.publicRequest = request("/planets/unsecured-planet");
		this.securedRequest = request("/planets");
		this.securedRequest.addHeader("Authorization", "Bearer " + token);
		this.otherRequest = request("/actuator/health");
		requireOk("publicRoute", publicRoute());
		requireOk("securedRoute", securedRoute());
		requireOk("noRoute", noRoute());
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("Host", "127.0.0.1:18080");
		request.addHeader("User-Agent", "wrk");
		request.addHeader("Accept", "*/*");
		return request;
	}

	private static void requireOk(String benchmark, MockHttpServletResponse response) {
		if (response.getStatus() != 200) {
			throw new IllegalStateException(benchmark + " answered " + response.getStatus() + ": "
					+ response.getContentAsByteArray().length + " bytes");
		}
	}

	/**
	 * A public route of the manifest.
	 * @return the response
	 * @throws Exception never
	 */
	@Benchmark
	public MockHttpServletResponse publicRoute() throws Exception {
		return run(this.publicRequest);
	}

	/**
	 * A secured route, with a valid token.
	 * @return the response
	 * @throws Exception never
	 */
	@Benchmark
	public MockHttpServletResponse securedRoute() throws Exception {
		return run(this.securedRequest);
	}

	/**
	 * A request that hits no route of the manifest.
	 * @return the response
	 * @throws Exception never
	 */
	@Benchmark
	public MockHttpServletResponse noRoute() throws Exception {
		return run(this.otherRequest);
	}

	private MockHttpServletResponse run(MockHttpServletRequest request) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, this.application);
		return response;
	}

	private final FilterChain application = (request, response) -> {
		HttpServletRequest http = (HttpServletRequest) request;
		this.blackhole.consume(http.getUserPrincipal());
		this.blackhole.consume(http.getHeader("Accept"));
	};

}
