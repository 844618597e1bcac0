package dev.nitric.spring.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A strict JSON reader (RFC 8259: no trailing commas, no comments, no duplicate member names) and string quoting for
 * writers. Numbers are read as {@link BigDecimal}, objects as insertion-ordered maps. Used for the manifest and for
 * JWT headers and payloads, where a duplicate member name must be an error (as in the protobuf parser GCP's gateway
 * uses), not a silent "last one wins".
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>
 */
public final class Json {

	/** Deepest nesting of arrays and objects read; deeper documents are rejected rather than overflow the stack. */
	private static final int MAX_DEPTH = 512;

	private final String text;

	private int position;

	private int depth;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parse a JSON document.
	 * @param text the document
	 * @return a {@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean} or {@code null}
	 * @throws IllegalArgumentException with the position of the first error
	 */
	public static @Nullable Object parse(String text) {
		Json json = new Json(text);
		json.skipWhitespace();
		Object value = json.value();
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("unexpected content after the document");
		}
		return value;
	}

	/**
	 * Quote a string as a JSON string literal.
	 * @param value the string
	 * @return the literal, with quotes
	 */
	public static String quote(String value) {
		StringBuilder out = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private @Nullable Object value() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end of the document");
		}
		char c = this.text.charAt(this.position);
		if ((c == '{' || c == '[') && this.depth >= MAX_DEPTH) {
			throw error("nested deeper than " + MAX_DEPTH + " levels");
		}
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield number();
				}
				throw error("unexpected character '" + c + "'");
			}
		};
	}

	private Map<String, @Nullable Object> object() {
		this.depth++;
		try {
			return members();
		}
		finally {
			this.depth--;
		}
	}

	private Map<String, @Nullable Object> members() {
		this.position++;
		Map<String, @Nullable Object> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return members;
		}
		while (true) {
			skipWhitespace();
			if (peek() == '}') {
				throw error("trailing comma before '}'");
			}
			if (peek() != '"') {
				throw error("expected a member name");
			}
			String name = string();
			if (members.containsKey(name)) {
				throw error("duplicate member name \"" + name + "\"");
			}
			skipWhitespace();
			expect(':');
			skipWhitespace();
			members.put(name, value());
			skipWhitespace();
			char c = next();
			if (c == '}') {
				return members;
			}
			if (c != ',') {
				throw error("expected ',' or '}'");
			}
		}
	}

	private List<@Nullable Object> array() {
		this.depth++;
		try {
			return elements();
		}
		finally {
			this.depth--;
		}
	}

	private List<@Nullable Object> elements() {
		this.position++;
		List<@Nullable Object> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return elements;
		}
		while (true) {
			skipWhitespace();
			if (peek() == ']') {
				throw error("trailing comma before ']'");
			}
			elements.add(value());
			skipWhitespace();
			char c = next();
			if (c == ']') {
				return Collections.unmodifiableList(elements);
			}
			if (c != ',') {
				throw error("expected ',' or ']'");
			}
		}
	}

	private String string() {
		this.position++;
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw error("control character in a string");
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escape = next();
			switch (escape) {
				case '"', '\\', '/' -> out.append(escape);
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("truncated \\u escape");
					}
					String hex = this.text.substring(this.position, this.position + 4);
					if (!hex.matches("[0-9A-Fa-f]{4}")) {
						throw error("invalid \\u escape");
					}
					out.append((char) Integer.parseInt(hex, 16));
					this.position += 4;
				}
				default -> throw error("invalid escape '\\" + escape + "'");
			}
		}
	}

	private BigDecimal number() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		while (this.position < this.text.length() && "0123456789.eE+-".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.text.substring(start, this.position);
		if (!number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
			throw error("invalid number '" + number + "'");
		}
		return new BigDecimal(number);
	}

	private @Nullable Object literal(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error("unexpected token");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end of the document");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw error("expected '" + expected + "'");
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Invalid JSON at character " + this.position + ": " + message);
	}

}
