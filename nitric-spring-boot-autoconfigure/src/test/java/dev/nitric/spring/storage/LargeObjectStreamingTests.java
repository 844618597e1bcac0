package dev.nitric.spring.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large objects stream: a JVM with a 256 MiB heap writes and reads back an object much larger than its heap through
 * the local store (1 GiB) and the S3 store against s3proxy (256 MiB by default, to keep the build short; set
 * {@code -Dnitric.test.s3-large-object-size=1073741824} for 1 GiB). Buffering the object would fail with an
 * {@code OutOfMemoryError}.
 */
class LargeObjectStreamingTests {

	private static final long GIB = 1024L * 1024 * 1024;

	private static final Pattern RESULT = Pattern.compile("maxHeap=(\\d+) size=(\\d+) written=(\\w+) read=(\\w+)");

	@TempDir
	Path root;

	@Test
	void aOneGibObjectGoesThroughTheLocalStoreWithA256MibHeap() throws Exception {
		assertRoundTrip(GIB, "local", this.root.toString(), String.valueOf(GIB));
	}

	@Nested
	class S3 {

		// Only here: registered on the whole class, s3proxy failed to stop after the local test (NoSuchFileException).
		@RegisterExtension
		static final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret").build();

		@Test
		void aLargeObjectGoesThroughTheS3StoreWithA256MibHeap() throws Exception {
			long size = Long.getLong("nitric.test.s3-large-object-size", 256L * 1024 * 1024 + 17);
			assertRoundTrip(size, "s3", s3proxy.getUri().toString(), s3proxy.getAccessKey(), s3proxy.getSecretKey(),
					String.valueOf(size));
		}

	}

	private static void assertRoundTrip(long size, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), LargeObjectRoundTrip.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Matcher result = RESULT.matcher(output);
		assertThat(result.find()).as(output).isTrue();
		assertThat(Long.parseLong(result.group(1))).isLessThanOrEqualTo(256L * 1024 * 1024);
		assertThat(Long.parseLong(result.group(2))).isEqualTo(size);
		assertThat(result.group(4)).isEqualTo(result.group(3));
	}

}
