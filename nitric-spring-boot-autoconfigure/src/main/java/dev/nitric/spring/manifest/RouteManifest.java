package dev.nitric.spring.manifest;

import java.util.List;

import dev.nitric.spring.model.SecurityRequirement;

/**
 * One route of an API: an HTTP method and path template served by one handler, with its effective security.
 *
 * @param method the HTTP method, upper case
 * @param path the path template, with {@code {name}} variables
 * @param handler the handler that serves it ({@code class#method})
 * @param security the effective requirements (alternatives); empty for a public route
 * @param securitySource where the effective security comes from
 */
public record RouteManifest(String method, String path, String handler, List<SecurityRequirement> security,
		SecuritySource securitySource) {

	public RouteManifest {
		security = List.copyOf(security);
	}

	/**
	 * Whether the route is public: the gateway lets every request through without looking at it.
	 * @return {@code true} when no requirement applies
	 */
	public boolean isPublic() {
		return this.security.isEmpty();
	}

	/**
	 * Where a route's effective security comes from.
	 */
	public enum SecuritySource {

		/** The API-level security applies. */
		API,

		/** The route overrides the API-level security (a public route, or other scopes). */
		ROUTE

	}

}
