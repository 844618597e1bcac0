package dev.nitric.spring.storage;

import java.nio.charset.StandardCharsets;

/**
 * The rules an object key meets so that it means the same thing on every backend and never escapes its bucket: 1 to
 * {@value #MAX_BYTES} bytes of UTF-8 (the S3 and Cloud Storage limit), segments separated by {@code /}, no empty,
 * {@code .} or {@code ..} segment, no leading {@code /}, no backslash and no control character.
 */
public final class ObjectKeys {

	/** Longest key, in bytes of UTF-8. */
	public static final int MAX_BYTES = 1024;

	private ObjectKeys() {
	}

	/**
	 * Check a key.
	 * @param bucket the bucket's logical name, for the message
	 * @param key the key
	 * @return the key
	 * @throws InvalidObjectKeyException if the key breaks a rule
	 */
	public static String check(String bucket, String key) {
		if (key == null || key.isEmpty()) {
			throw new InvalidObjectKeyException(bucket, "", "a key must not be empty");
		}
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new InvalidObjectKeyException(bucket, key, "a key has at most " + MAX_BYTES + " bytes of UTF-8");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new InvalidObjectKeyException(bucket, key, "control characters (including NUL) are not allowed");
			}
			if (c == '\\') {
				throw new InvalidObjectKeyException(bucket, key, "'\\' is not allowed; separate segments with '/'");
			}
		}
		if (key.startsWith("/")) {
			throw new InvalidObjectKeyException(bucket, key, "a key does not start with '/'");
		}
		if (key.endsWith("/")) {
			throw new InvalidObjectKeyException(bucket, key, "a key does not end with '/'");
		}
		for (String segment : key.split("/", -1)) {
			if (segment.isEmpty()) {
				throw new InvalidObjectKeyException(bucket, key, "a key has no empty segment ('//')");
			}
			if (segment.equals(".") || segment.equals("..")) {
				throw new InvalidObjectKeyException(bucket, key, "'.' and '..' segments are not allowed");
			}
		}
		return key;
	}

}
