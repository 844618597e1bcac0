package dev.nitric.spring.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ObjectKeys}.
 */
class ObjectKeysTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a", "secret-image.png", "a/b/c.txt", "with space", "..x", "x..", ".hidden", "ünïcødé/☃" })
	void checkWhenKeyValidThenReturnsIt(String key) {
		assertThat(ObjectKeys.check("bucket", key)).isEqualTo(key);
	}

	@Test
	void checkWhenKeyHas1024BytesOfUtf8ThenAccepts() {
		String key = "é".repeat(512);
		assertThat(ObjectKeys.check("bucket", key)).isEqualTo(key);
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("invalidKeys")
	void checkWhenKeyInvalidThenFailsNamingBucketAndRule(String key, String rule) {
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> ObjectKeys.check("images", key))
			.withMessageStartingWith("Invalid key for bucket 'images': ")
			.withMessageContaining(rule);
	}

	static Stream<Arguments> invalidKeys() {
		return Stream.of(Arguments.of("../x", "'.' and '..' segments"), Arguments.of("a/../../x", "'.' and '..' segments"),
				Arguments.of("a/./b", "'.' and '..' segments"), Arguments.of("..", "'.' and '..' segments"),
				Arguments.of("/abs", "does not start with '/'"), Arguments.of("a\\b", "'\\' is not allowed"),
				Arguments.of("a\u0000b", "control characters (including NUL)"),
				Arguments.of("a\nb", "control characters"), Arguments.of("a\u007fb", "control characters"),
				Arguments.of("a//b", "no empty segment"), Arguments.of("a/", "does not end with '/'"),
				Arguments.of("", "must not be empty"), Arguments.of("x".repeat(1025), "at most 1024 bytes"),
				Arguments.of("é".repeat(512) + "x", "at most 1024 bytes"));
	}

	@Test
	void checkWhenKeyHasControlCharacterThenMessageShowsItEscaped() {
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> ObjectKeys.check("images", "a\u0000b"))
			.withMessageEndingWith("(key: 'a\\u0000b')");
	}

	@Test
	void checkWhenKeyIsLongThenMessageTruncatesIt() {
		assertThatExceptionOfType(InvalidObjectKeyException.class)
			.isThrownBy(() -> ObjectKeys.check("images", "x".repeat(1025)))
			.withMessageEndingWith("(key: '" + "x".repeat(120) + "...')");
	}


	@Test
	void utf8LengthEqualsTheEncodedLengthForAnyText() {
		java.util.Random random = new java.util.Random(7);
		for (int round = 0; round < 2000; round++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(12); i > 0; i--) {
				text.append((char) switch (random.nextInt(5)) {
					case 0 -> random.nextInt(0x80);
					case 1 -> 0x80 + random.nextInt(0x780);
					case 2 -> 0x800 + random.nextInt(0xD000);
					case 3 -> 0xD800 + random.nextInt(0x800);
					default -> 0xE000 + random.nextInt(0x2000);
				});
			}
			String value = text.toString();
			assertThat(ObjectKeys.utf8Length(value, 0, value.length())).as(value)
				.isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void listingOrderComparesCodePointsLikeUtf8Bytes() {
		List<String> keys = new ArrayList<>(List.of("b", "\uD83D\uDE00", "\uE000", "a", "ab", "\u00e9"));
		keys.sort(ObjectKeys.LISTING_ORDER);
		assertThat(keys).containsExactly("a", "ab", "b", "\u00e9", "\uE000", "\uD83D\uDE00");
		List<String> byBytes = new ArrayList<>(keys);
		byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
				y.getBytes(StandardCharsets.UTF_8)));
		assertThat(keys).isEqualTo(byBytes);
	}

}
