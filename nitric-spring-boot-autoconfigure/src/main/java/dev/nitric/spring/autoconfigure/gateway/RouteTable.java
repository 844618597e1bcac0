package dev.nitric.spring.autoconfigure.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.gateway.RoutePolicy;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.SecurityDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The manifest's routes of every API, matched as Spring MVC matches them: HTTP method and path template parsed by
 * {@link PathPatternParser}, the most specific template winning when several match. A {@code HEAD} request matches a
 * {@code GET} route that has no {@code HEAD} route of its own, since Spring MVC serves it from the {@code GET}
 * handler.
 */
final class RouteTable {

	private final List<Entry> entries;

	private RouteTable(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * Create the table of a manifest.
	 * @param manifest the manifest
	 * @return the table
	 */
	static RouteTable of(Manifest manifest) {
		List<Entry> entries = new ArrayList<>();
		for (ApiManifest api : manifest.apis()) {
			Map<String, SecurityDefinition> definitions = new LinkedHashMap<>();
			api.securityDefinitions().forEach((definition) -> definitions.put(definition.name(), definition));
			for (RouteManifest route : api.routes()) {
				RoutePolicy policy = new RoutePolicy(api.name(), route.method(), route.path(), route.security(),
						definitions);
				entries.add(new Entry(PathPatternParser.defaultInstance.parse(route.path()), route.method(), policy));
			}
		}
		return new RouteTable(entries);
	}

	/**
	 * Find the route a request hits.
	 * @param method the request's method
	 * @param pathWithinApplication the request's path without the context path, not decoded
	 * @return the route's policy, or {@code null} when the request hits no route of the manifest
	 */
	@Nullable RoutePolicy find(String method, PathContainer pathWithinApplication) {
		RoutePolicy found = find(this.entries, method, pathWithinApplication);
		if (found == null && "HEAD".equals(method)) {
			found = find(this.entries, "GET", pathWithinApplication);
		}
		return found;
	}

	/**
	 * Whether the table is empty.
	 * @return {@code true} when no API has a route
	 */
	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	private static @Nullable RoutePolicy find(List<Entry> entries, String method, PathContainer path) {
		// A loop, not a stream: this runs on every request.
		@Nullable Entry found = null;
		for (Entry entry : entries) {
			if (entry.method().equals(method) && entry.pattern().matches(path) && (found == null
					|| PathPattern.SPECIFICITY_COMPARATOR.compare(entry.pattern(), found.pattern()) < 0)) {
				found = entry;
			}
		}
		return (found != null) ? found.policy() : null;
	}

	private record Entry(PathPattern pattern, String method, RoutePolicy policy) {
	}

}
