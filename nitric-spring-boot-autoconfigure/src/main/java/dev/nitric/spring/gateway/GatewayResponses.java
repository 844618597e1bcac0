package dev.nitric.spring.gateway;

import dev.nitric.spring.json.Json;

/**
 * Body helpers shared by the gateways.
 */
final class GatewayResponses {

	static final String JSON = "application/json";

	private GatewayResponses() {
	}

	/** Quote a value for a header parameter ({@code "..."}, RFC 7235 quoted-string). */
	static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** A JSON string literal. */
	static String json(String value) {
		return Json.quote(value);
	}

}
