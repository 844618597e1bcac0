package dev.nitric.spring.gateway;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Routes and requests of the conformance matrix ({@code gateways.md} §5.0).
 */
final class ConformanceFixtures {

	static final SecurityDefinition IDP = SecurityDefinition.jwt("idp")
		.issuer(TestJwts.ISSUER)
		.audiences(TestJwts.AUDIENCE);

	static final SecurityDefinition OTHER_IDP = SecurityDefinition.jwt("partners")
		.issuer("https://partners.example.com")
		.audiences(TestJwts.AUDIENCE);

	static final String PATH = "/orders";

	private ConformanceFixtures() {
	}

	/** A route requiring a token of {@link #IDP} carrying any of the scopes (none: any valid token). */
	static RoutePolicy route(String... scopes) {
		return route(IDP, scopes);
	}

	static RoutePolicy route(SecurityDefinition definition, String... scopes) {
		return new RoutePolicy("orders", "GET", PATH, List.of(SecurityRequirement.of(definition.name(), scopes)),
				Map.of(definition.name(), definition));
	}

	static RoutePolicy route(List<SecurityRequirement> requirements, SecurityDefinition... definitions) {
		Map<String, SecurityDefinition> byName = new LinkedHashMap<>();
		Arrays.stream(definitions).forEach((definition) -> byName.put(definition.name(), definition));
		return new RoutePolicy("orders", "GET", PATH, requirements, byName);
	}

	static RoutePolicy publicRoute() {
		return new RoutePolicy("orders", "GET", PATH, List.of(), Map.of(IDP.name(), IDP));
	}

	static GatewayRequest bearer(String token) {
		return authorization("Bearer " + token);
	}

	static GatewayRequest authorization(String... values) {
		return request(null, Map.of("Authorization", List.of(values)));
	}

	static GatewayRequest request(@Nullable String rawQuery, Map<String, List<String>> headers) {
		return new GatewayRequest("GET", PATH, rawQuery, headers);
	}

	static GatewayRequest noToken() {
		return request(null, Map.of("Accept", List.of("application/json")));
	}

	/** A resolver publishing the baseline JWKS: {@code k1} with {@code alg} RS256. */
	static StaticKeyResolver baselineKeys() {
		return StaticKeyResolver.of(TestKeys.k1());
	}

	/** A resolver publishing one JWK as given. */
	static StaticKeyResolver keys(String... jwks) {
		return StaticKeyResolver.of(TestKeys.jwks(jwks));
	}

	/** The baseline token with one claim changed. */
	static String baselineWith(String claim, @Nullable Object value) {
		return TestJwts.baseline().claim(claim, value).build();
	}

	/** The baseline token without one claim. */
	static String baselineWithout(String claim) {
		return TestJwts.baseline().withoutClaim(claim).build();
	}

	/** Seconds since the epoch of {@link TestJwts#NOW} plus an offset. */
	static long now(long offsetSeconds) {
		return TestJwts.NOW.getEpochSecond() + offsetSeconds;
	}

	/** A valid token of about 20 KB, made long by a large JOSE header member. */
	static String token20Kb() {
		return TestJwts.baseline().header("x-padding", "p".repeat(15_000)).build();
	}

	/** A payload nested deeper than any parser's recursion can follow. */
	static String deeplyNestedPayload() {
		return "{\"iss\":\"" + TestJwts.ISSUER + "\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
	}

}
