package dev.nitric.spring.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

/**
 * What a gateway sees of a request: method, path, raw query and headers (names in lower case, every value of a
 * repeated header kept in order).
 *
 * @param method the HTTP method, upper case
 * @param path the path, as received (not decoded)
 * @param rawQuery the query string without {@code ?}, as received, or {@code null}
 * @param headers the headers by lower-case name
 */
public record GatewayRequest(String method, String path, @Nullable String rawQuery, Map<String, List<String>> headers) {

	public GatewayRequest {
		headers = normalized(headers);
	}

	/**
	 * The headers with lower-case names and unmodifiable value lists. A map that already has both (as the servlet
	 * filter builds it for every request) is only made unmodifiable, without merging or copying its lists.
	 */
	private static Map<String, List<String>> normalized(Map<String, List<String>> headers) {
		if (isNormalized(headers)) {
			return Map.copyOf(headers);
		}
		Map<String, List<String>> normalized = new LinkedHashMap<>();
		headers.forEach((name, values) -> normalized.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
			.addAll(values));
		normalized.replaceAll((name, values) -> List.copyOf(values));
		return Map.copyOf(normalized);
	}

	private static boolean isNormalized(Map<String, List<String>> headers) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			String name = header.getKey();
			List<String> values = header.getValue();
			// List.copyOf returns an unmodifiable list itself (and rejects null values).
			if (!isLowerCase(name) || values == null || List.copyOf(values) != values) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowerCase(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.toLowerCase(c) != c) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Every value of a header, in order.
	 * @param name the header name, in any case
	 * @return the values; empty when absent
	 */
	public List<String> headerValues(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * Every value of a query parameter, decoded, in order.
	 * @param name the parameter name
	 * @return the values; empty when absent
	 */
	public List<String> queryValues(String name) {
		if (this.rawQuery == null || this.rawQuery.isEmpty()) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (String pair : this.rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String key = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			if (key.equals(name)) {
				values.add((equals >= 0) ? decode(pair.substring(equals + 1)) : "");
			}
		}
		return values;
	}

	/**
	 * The request URI as received: path and, if present, {@code ?} and the query.
	 * @return the URI
	 */
	public String requestUri() {
		return (this.rawQuery != null) ? this.path + "?" + this.rawQuery : this.path;
	}

	/**
	 * Size of the request line and headers as sent on HTTP/1.1 ({@code METHOD SP URI SP HTTP/1.1 CRLF}, then
	 * {@code name: value CRLF} per header value), the figure gateways' header quotas limit.
	 * @return the size in bytes
	 */
	public int headerBytes() {
		return (int) size(GatewayRequest::utf8Length);
	}

	/**
	 * Whether {@link #headerBytes()} is over a limit, answered from the headers' lengths in characters when they
	 * settle it (a character takes one to three bytes of UTF-8), so that most requests are not scanned character by
	 * character.
	 * @param limit the most bytes allowed
	 * @return whether the request line and headers take more than {@code limit} bytes
	 */
	public boolean headerBytesExceed(int limit) {
		long chars = size(String::length);
		if (chars > limit) {
			return true;
		}
		return 3 * chars > limit && headerBytes() > limit;
	}

	/**
	 * The size of the request line and headers as sent on HTTP/1.1, each text measured by {@code length}.
	 */
	private long size(ToIntFunction<String> length) {
		long size = length.applyAsInt(this.method) + 1 + length.applyAsInt(this.path)
				+ ((this.rawQuery != null) ? 1 + length.applyAsInt(this.rawQuery) : 0) + " HTTP/1.1\r\n".length();
		for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
			int name = length.applyAsInt(header.getKey()) + ": ".length() + "\r\n".length();
			for (String value : header.getValue()) {
				size += name + length.applyAsInt(value);
			}
		}
		return size;
	}

	/** The length of a string in UTF-8, as {@code getBytes(UTF_8).length} gives it, without encoding it. */
	private static int utf8Length(String text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				// other chars, and unpaired surrogates, which the encoder replaces with '?' (1 byte)
				length += Character.isSurrogate(c) ? 1 : 3;
			}
		}
		return length;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
