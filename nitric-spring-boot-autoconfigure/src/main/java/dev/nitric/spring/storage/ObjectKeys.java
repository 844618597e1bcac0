package dev.nitric.spring.storage;

import java.util.Comparator;

/**
 * The rules an object key meets so that it means the same thing on every backend and never escapes its bucket: 1 to
 * {@value #MAX_BYTES} bytes of UTF-8 (the S3 and Cloud Storage limit), segments separated by {@code /}, no empty,
 * {@code .} or {@code ..} segment, no leading {@code /}, no backslash and no control character.
 */
public final class ObjectKeys {

	/** Longest key, in bytes of UTF-8. */
	public static final int MAX_BYTES = 1024;

	/**
	 * The order in which listings return keys: by their bytes in UTF-8, as S3 lists them, which is the order of
	 * their code points. It differs from {@link String#compareTo} (UTF-16 code units) only when a key holds a
	 * character above U+FFFF where another holds one from U+E000 to U+FFFF.
	 *
	 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">S3 ListObjectsV2 (UTF-8
	 * binary order)</a>
	 */
	public static final Comparator<String> LISTING_ORDER = ObjectKeys::compareCodePoints;

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
		if (utf8Length(key, 0, key.length()) > MAX_BYTES) {
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
		if (key.charAt(0) == '/') {
			throw new InvalidObjectKeyException(bucket, key, "a key does not start with '/'");
		}
		if (key.charAt(key.length() - 1) == '/') {
			throw new InvalidObjectKeyException(bucket, key, "a key does not end with '/'");
		}
		int start = 0;
		while (start <= key.length()) {
			int end = key.indexOf('/', start);
			if (end < 0) {
				end = key.length();
			}
			int length = end - start;
			if (length == 0) {
				throw new InvalidObjectKeyException(bucket, key, "a key has no empty segment ('//')");
			}
			if (key.charAt(start) == '.' && (length == 1 || (length == 2 && key.charAt(start + 1) == '.'))) {
				throw new InvalidObjectKeyException(bucket, key, "'.' and '..' segments are not allowed");
			}
			start = end + 1;
		}
		return key;
	}

	private static int compareCodePoints(String left, String right) {
		int i = 0;
		int j = 0;
		while (i < left.length() && j < right.length()) {
			int a = left.codePointAt(i);
			int b = right.codePointAt(j);
			if (a != b) {
				return Integer.compare(a, b);
			}
			i += Character.charCount(a);
			j += Character.charCount(b);
		}
		return Integer.compare(left.length() - i, right.length() - j);
	}

	/**
	 * The number of bytes a part of a string takes in UTF-8, counted without encoding it; an unpaired surrogate
	 * counts one byte, as {@link String#getBytes} replaces it with {@code ?}.
	 */
	static int utf8Length(CharSequence text, int from, int to) {
		int length = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				length++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
