package dev.nitric.spring.storage;

/**
 * Thrown when an object key is not valid on every backend.
 */
public class InvalidObjectKeyException extends IllegalArgumentException {

	InvalidObjectKeyException(String bucket, String key, String problem) {
		super("Invalid key for bucket '" + bucket + "': " + problem + " (key: '" + printable(key) + "')");
	}

	private static String printable(String key) {
		StringBuilder out = new StringBuilder();
		int limit = Math.min(key.length(), 120);
		for (int i = 0; i < limit; i++) {
			char c = key.charAt(i);
			out.append((c < 0x20 || c == 0x7f) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return (key.length() > limit) ? out + "..." : out.toString();
	}

}
