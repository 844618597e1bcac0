package dev.nitric.spring.autoconfigure.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.nitric.spring.gateway.BehindGateway;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.RoutePolicy;
import dev.nitric.spring.gateway.VerifiedToken;
import dev.nitric.spring.manifest.Manifest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;
import org.springframework.util.function.SingletonSupplier;

/**
 * The API gateway's check in front of the application: a servlet filter that sends every request hitting a route of
 * the {@link Manifest} to a {@link GatewayDecisionSource} — in emulation, the {@link Gateway} of the target cloud,
 * answering a rejection exactly as that gateway does; behind the real gateway, {@link BehindGateway}, which finds the
 * caller where the cloud puts it.
 * <ul>
 * <li>A request that hits no route of the manifest (actuator, static resources, other handlers) passes untouched;
 * so does a request whose method has no route (Spring MVC answers it, typically 405).</li>
 * <li>A rejection is written as the gateway's status, headers, content type and body, and nothing else: the
 * application never sees the request, no error page is rendered and no session is created.</li>
 * <li>An allowed request with a verified token reaches the application with the {@link VerifiedToken} as its
 * {@linkplain HttpServletRequest#getUserPrincipal() principal} and as the request attribute named after
 * {@link VerifiedToken}'s class.</li>
 * <li>Identity headers that a client may have forged ({@link GatewayDecisionSource#untrustedIdentityHeaders()}: in
 * emulation {@code X-Apigateway-Api-Userinfo} and {@code X-Endpoint-API-UserInfo}, behind a real gateway those it
 * does not replace) are removed from requests to secured routes, so that the application never trusts a value forged
 * by a client. On public routes they are left as sent, which is what GCP's gateway does: there, they prove
 * nothing.</li>
 * </ul>
 * Matching uses the path within the application (without the context path), as Spring MVC does.
 *
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt#receiving_authenticated_results_in_your_api">
 * GCP API Gateway: receiving authenticated results</a>
 */
public final class NitricGatewayFilter implements Filter {

	/**
	 * Request headers through which a cloud gateway passes the caller's identity (GCP's user info, the caller's token
	 * forwarded by GCP's backend authentication and by Nitric's Azure policy); on a secured route the emulation
	 * removes a client's copy, as the real gateways replace or delete it.
	 */
	public static final Set<String> GATEWAY_IDENTITY_HEADERS = Set.of("x-apigateway-api-userinfo",
			"x-endpoint-api-userinfo", "x-forwarded-authorization");

	/** Name of the request attribute holding the {@link VerifiedToken} of an allowed request. */
	public static final String VERIFIED_TOKEN_ATTRIBUTE = VerifiedToken.class.getName();

	private final Supplier<RouteTable> routes;

	private final Supplier<GatewayDecisionSource> decisions;

	private final Supplier<List<GatewayDecisionListener>> listeners;

	/**
	 * Create a filter that emulates a gateway. The suppliers are called once, on the first request, so that the
	 * filter can be created before the manifest and the listeners are (filters are created when the web server
	 * starts).
	 * @param manifest the manifest whose routes are guarded
	 * @param gateway the gateway that decides
	 * @param keys the issuers' keys
	 * @param listeners told of every decision
	 * @param clock the clock giving "now" to the gateway
	 */
	public NitricGatewayFilter(Supplier<Manifest> manifest, Supplier<Gateway> gateway, Supplier<KeyResolver> keys,
			Supplier<List<GatewayDecisionListener>> listeners, Clock clock) {
		this(manifest, () -> GatewayDecisionSource.emulating(gateway.get(), keys.get(), clock), listeners);
	}

	/**
	 * Create a filter. The suppliers are called once, on the first request, so that the filter can be created
	 * before the manifest and the listeners are (filters are created when the web server starts).
	 * @param manifest the manifest whose routes are guarded
	 * @param decisions where decisions come from
	 * @param listeners told of every decision
	 */
	public NitricGatewayFilter(Supplier<Manifest> manifest, Supplier<GatewayDecisionSource> decisions,
			Supplier<List<GatewayDecisionListener>> listeners) {
		this.routes = SingletonSupplier.of(() -> RouteTable.of(manifest.get()));
		this.decisions = SingletonSupplier.of(decisions);
		this.listeners = SingletonSupplier.of(() -> List.copyOf(listeners.get()));
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		RoutePolicy route = this.routes.get()
			.find(request.getMethod(), RequestPath.parse(request.getRequestURI(), request.getContextPath())
				.pathWithinApplication());
		if (route == null) {
			chain.doFilter(request, response);
			return;
		}
		GatewayRequest gatewayRequest = gatewayRequest(request);
		GatewayDecisionSource decisions = this.decisions.get();
		Decision decision = decisions.decide(gatewayRequest, route);
		for (GatewayDecisionListener listener : this.listeners.get()) {
			listener.onDecision(gatewayRequest, route, decision);
		}
		if (!decision.allowed()) {
			reject(response, decision);
			return;
		}
		VerifiedToken token = decision.token();
		if (token != null) {
			request.setAttribute(VERIFIED_TOKEN_ATTRIBUTE, token);
		}
		chain.doFilter((token != null || !route.isPublic())
				? new GatewayRequestWrapper(request, token,
						route.isPublic() ? Set.of() : decisions.untrustedIdentityHeaders())
				: request, response);
	}

	/**
	 * What the gateway sees of a request, built for every request on a route of the manifest: names in lower case and
	 * unmodifiable value lists, so that {@link GatewayRequest} keeps the map as it is (one copy, not three).
	 */
	private static GatewayRequest gatewayRequest(HttpServletRequest request) {
		Map<String, List<String>> headers = new HashMap<>();
		for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
			String name = names.nextElement().toLowerCase(Locale.ROOT);
			// getHeaders ignores the case of the name: a name listed again in another spelling has all its values.
			if (!headers.containsKey(name)) {
				headers.put(name, values(request.getHeaders(name)));
			}
		}
		return new GatewayRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers);
	}

	private static List<String> values(Enumeration<String> each) {
		if (!each.hasMoreElements()) {
			return List.of();
		}
		String first = each.nextElement();
		if (!each.hasMoreElements()) {
			return List.of(first);
		}
		List<String> values = new ArrayList<>();
		values.add(first);
		while (each.hasMoreElements()) {
			values.add(each.nextElement());
		}
		return List.copyOf(values);
	}

	private static void reject(HttpServletResponse response, Decision decision) throws IOException {
		byte[] body = decision.body().getBytes(StandardCharsets.UTF_8);
		response.resetBuffer();
		response.setStatus(decision.status());
		decision.headers().forEach(response::setHeader);
		if (!decision.contentType().isEmpty()) {
			response.setContentType(decision.contentType());
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/**
	 * The request as the application sees it after the gateway: the verified token as principal, the untrusted
	 * identity headers removed.
	 */
	private static final class GatewayRequestWrapper extends HttpServletRequestWrapper {

		private final @Nullable VerifiedToken token;

		private final Set<String> strippedHeaders;

		GatewayRequestWrapper(HttpServletRequest request, @Nullable VerifiedToken token, Set<String> strippedHeaders) {
			super(request);
			this.token = token;
			this.strippedHeaders = strippedHeaders;
		}

		@Override
		public @Nullable Principal getUserPrincipal() {
			return (this.token != null) ? this.token : super.getUserPrincipal();
		}

		@Override
		public @Nullable String getRemoteUser() {
			return (this.token != null) ? this.token.getName() : super.getRemoteUser();
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isIdentityHeader(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isIdentityHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			for (Enumeration<String> each = super.getHeaderNames(); each.hasMoreElements();) {
				String name = each.nextElement();
				if (!isIdentityHeader(name)) {
					names.add(name);
				}
			}
			return Collections.enumeration(names);
		}

		@Override
		public long getDateHeader(String name) {
			return isIdentityHeader(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return isIdentityHeader(name) ? -1 : super.getIntHeader(name);
		}

		private boolean isIdentityHeader(String name) {
			// Called for every header the application reads: compare without allocating a lower-case copy.
			for (String stripped : this.strippedHeaders) {
				if (stripped.equalsIgnoreCase(name)) {
					return true;
				}
			}
			return false;
		}

	}

}
