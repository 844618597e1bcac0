package dev.nitric.spring.deployer.synth;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.nitric.spring.json.Json;

/**
 * Writes JSON deterministically: object members sorted by name, two-space indentation, {@code \n} line ends and a
 * final newline, so that the same input gives byte-identical files.
 */
final class JsonOut {

	private JsonOut() {
	}

	/**
	 * Write a value made of maps (string keys), lists, strings, numbers and booleans.
	 * @param value the value
	 * @return its JSON form, ending in a newline
	 */
	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, "");
		return out.append('\n').toString();
	}

	private static void write(StringBuilder out, Object value, String indent) {
		if (value instanceof Map<?, ?> map) {
			writeObject(out, map, indent);
		}
		else if (value instanceof List<?> list) {
			writeArray(out, list, indent);
		}
		else if (value instanceof String text) {
			out.append(Json.quote(text));
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeObject(StringBuilder out, Map<?, ?> map, String indent) {
		if (map.isEmpty()) {
			out.append("{}");
			return;
		}
		Map<String, Object> sorted = new TreeMap<>();
		map.forEach((key, value) -> sorted.put((String) key, value));
		String inner = indent + "  ";
		out.append("{\n");
		boolean first = true;
		for (Map.Entry<String, Object> entry : sorted.entrySet()) {
			if (!first) {
				out.append(",\n");
			}
			first = false;
			out.append(inner).append(Json.quote(entry.getKey())).append(": ");
			write(out, entry.getValue(), inner);
		}
		out.append('\n').append(indent).append('}');
	}

	private static void writeArray(StringBuilder out, List<?> list, String indent) {
		if (list.isEmpty()) {
			out.append("[]");
			return;
		}
		String inner = indent + "  ";
		out.append("[\n");
		for (int i = 0; i < list.size(); i++) {
			if (i > 0) {
				out.append(",\n");
			}
			out.append(inner);
			write(out, list.get(i), inner);
		}
		out.append('\n').append(indent).append(']');
	}

}
