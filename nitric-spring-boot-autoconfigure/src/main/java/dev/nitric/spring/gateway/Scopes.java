package dev.nitric.spring.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the scopes a token carries: {@code scope} as a space-delimited string (RFC 8693 §4.2, RFC 9068 §2.2.3) and
 * {@code scp} as a space-delimited string or an array (Microsoft Entra, Okta). Which forms a cloud reads is the
 * caller's choice.
 */
final class Scopes {

	private Scopes() {
	}

	/**
	 * Collect the scopes.
	 * @param claims the token's claims
	 * @param arrays whether JSON arrays count (for {@code scope} and {@code scp}) or only strings
	 * @return the scopes, in claim order, {@code scope} first
	 */
	static List<String> of(Map<String, @Nullable Object> claims, boolean arrays) {
		List<String> scopes = new ArrayList<>();
		add(scopes, claims.get("scope"), arrays);
		add(scopes, claims.get("scp"), arrays);
		return scopes;
	}

	private static void add(List<String> scopes, @Nullable Object claim, boolean arrays) {
		if (claim instanceof String text) {
			// the non-empty parts between single spaces, as split(" ") and a filter on empty parts give them
			int begin = 0;
			while (begin <= text.length()) {
				int end = text.indexOf(' ', begin);
				if (end < 0) {
					end = text.length();
				}
				if (end > begin) {
					scopes.add(text.substring(begin, end));
				}
				begin = end + 1;
			}
		}
		else if (arrays && claim instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof String scope) {
					scopes.add(scope);
				}
			}
		}
	}

	/**
	 * Whether a token meets a requirement's scopes: any-of, and an empty requirement is met by any token.
	 * @param carried the token's scopes
	 * @param required the route's scopes
	 * @return {@code true} if met
	 */
	static boolean satisfies(List<String> carried, List<String> required) {
		if (required.isEmpty()) {
			return true;
		}
		for (String scope : required) {
			if (carried.contains(scope)) {
				return true;
			}
		}
		return false;
	}

}
