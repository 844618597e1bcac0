package dev.nitric.spring.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalBucketStore}.
 */
class LocalBucketStoreTests {

	private static final String BUCKET = "images";

	@TempDir
	Path root;

	private LocalBucketStore store;

	@BeforeEach
	void createStore() {
		this.store = new LocalBucketStore(this.root);
	}

	@Test
	void writeThenReadExistsListAndDeleteRoundTrip() throws IOException {
		this.store.write(BUCKET, "a/b.txt", bytes("hello"));
		assertThat(this.store.exists(BUCKET, "a/b.txt")).isTrue();
		assertThat(read("a/b.txt")).isEqualTo("hello");
		assertThat(this.store.list(BUCKET, "")).containsExactly("a/b.txt");
		assertThat(Files.readString(this.root.resolve(BUCKET).resolve("a").resolve("b.txt"))).isEqualTo("hello");
		this.store.delete(BUCKET, "a/b.txt");
		assertThat(this.store.exists(BUCKET, "a/b.txt")).isFalse();
		assertThat(this.store.list(BUCKET, "")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "../x", "a/../../x", "/abs", "a\\b", "a\u0000b", "a//b", "a/" })
	void writeWhenKeyInvalidThenFailsWithoutWriting(String key) throws IOException {
		assertThatExceptionOfType(InvalidObjectKeyException.class)
			.isThrownBy(() -> this.store.write(BUCKET, key, bytes("x")));
		assertThat(filesUnder(this.root)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "../x", "a/../../x", "/abs", "a\\b", "a\u0000b", "a//b", "a/" })
	void readExistsAndDeleteWhenKeyInvalidThenFail(String key) {
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> this.store.read(BUCKET, key));
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> this.store.exists(BUCKET, key));
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> this.store.delete(BUCKET, key));
	}

	@Test
	void writeWhenKeyHas1025BytesThenFails() {
		assertThatExceptionOfType(InvalidObjectKeyException.class)
			.isThrownBy(() -> this.store.write(BUCKET, "k".repeat(1025), bytes("x")));
	}

	@Test
	void writeWhenBucketNameLeavesRootThenFails() throws IOException {
		assertThatExceptionOfType(InvalidObjectKeyException.class)
			.isThrownBy(() -> this.store.write("../escape", "x", bytes("x")));
		assertThat(filesUnder(this.root.getParent().resolve("escape"))).isEmpty();
	}

	@Test
	void readWhenKeyMissingThenFailsWithoutRevealingLocalPath() {
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> this.store.read(BUCKET, "missing.png"))
			.withMessage("Bucket 'images' has no object 'missing.png'")
			.withMessageNotContaining(this.root.toString());
	}

	@Test
	void readWhenKeyIsFolderOfOtherKeysThenFailsAsMissing() {
		this.store.write(BUCKET, "a/b", bytes("x"));
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> this.store.read(BUCKET, "a"));
		assertThat(this.store.exists(BUCKET, "a")).isFalse();
	}

	@Test
	void writeWhenObjectExistsThenReplacesContent() throws IOException {
		this.store.write(BUCKET, "k", bytes("a much longer first content"));
		this.store.write(BUCKET, "k", bytes("short"));
		assertThat(read("k")).isEqualTo("short");
	}

	@Test
	void writeWhenContentEmptyThenStoresEmptyObject() throws IOException {
		this.store.write(BUCKET, "empty", new ByteArrayInputStream(new byte[0]));
		assertThat(this.store.exists(BUCKET, "empty")).isTrue();
		try (InputStream in = this.store.read(BUCKET, "empty")) {
			assertThat(in.readAllBytes()).isEmpty();
		}
	}

	@Test
	void writeAndReadWhenObjectIs50MiBThenStreamsIt() throws Exception {
		long size = 50L * 1024 * 1024;
		MessageDigest written = MessageDigest.getInstance("SHA-256");
		this.store.write(BUCKET, "big.bin", new DigestInputStream(new GeneratedInputStream(size), written));
		assertThat(Files.size(this.root.resolve(BUCKET).resolve("big.bin"))).isEqualTo(size);
		MessageDigest read = MessageDigest.getInstance("SHA-256");
		long count = 0;
		try (InputStream in = new DigestInputStream(this.store.read(BUCKET, "big.bin"), read)) {
			byte[] buffer = new byte[64 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				count += n;
			}
		}
		assertThat(count).isEqualTo(size);
		assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(written.digest()));
	}

	@Test
	void writeWhenSourceStreamFailsThenKeepsOldContentAndLeavesNoTempFile() throws IOException {
		this.store.write(BUCKET, "k", bytes("old"));
		InputStream failing = new InputStream() {

			private int left = 10_000;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				read(one, 0, 1);
				return one[0];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (this.left <= 0) {
					throw new IOException("boom");
				}
				int count = Math.min(length, this.left);
				Arrays.fill(buffer, offset, offset + count, (byte) 'x');
				this.left -= count;
				return count;
			}

		};
		assertThatExceptionOfType(BucketStorageException.class).isThrownBy(() -> this.store.write(BUCKET, "k", failing))
			.withMessageContaining("'k'")
			.withMessageContaining("'images'")
			.withMessageNotContaining(this.root.toString());
		assertThat(read("k")).isEqualTo("old");
		assertThat(filesUnder(this.root)).containsExactly(this.root.resolve(BUCKET).resolve("k"));
	}

	@Test
	void writeWhenConcurrentWritersOfOneKeyThenContentIsExactlyOnePayload() throws Exception {
		int threads = 8;
		int writes = 20;
		List<byte[]> payloads = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			for (int w = 0; w < writes; w++) {
				payloads.add(payload(t, w));
			}
		}
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int w = 0; w < writes; w++) {
						this.store.write(BUCKET, "shared/key.bin", new ByteArrayInputStream(payload(thread, w)));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		byte[] content;
		try (InputStream in = this.store.read(BUCKET, "shared/key.bin")) {
			content = in.readAllBytes();
		}
		assertThat(payloads).anySatisfy((payload) -> assertThat(content).isEqualTo(payload));
		assertThat(this.store.list(BUCKET, "")).containsExactly("shared/key.bin");
		assertThat(filesUnder(this.root)).containsExactly(this.root.resolve(BUCKET).resolve("shared/key.bin"));
	}

	@Test
	void readWhenConcurrentWithWritersThenAlwaysSeesCompletePayload() throws Exception {
		Set<String> payloads = IntStream.range(0, 4)
			.mapToObj((i) -> HexFormat.of().formatHex(payload(i, 0)))
			.collect(Collectors.toSet());
		this.store.write(BUCKET, "k", new ByteArrayInputStream(payload(0, 0)));
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<?> writer = executor.submit(() -> {
				for (int i = 0; i < 200; i++) {
					this.store.write(BUCKET, "k", new ByteArrayInputStream(payload(i % 4, 0)));
				}
				writing.set(false);
				return null;
			});
			Future<Integer> reader = executor.submit(() -> {
				int reads = 0;
				while (writing.get() || reads == 0) {
					try (InputStream in = this.store.read(BUCKET, "k")) {
						assertThat(payloads).contains(HexFormat.of().formatHex(in.readAllBytes()));
					}
					reads++;
				}
				return reads;
			});
			writer.get(60, TimeUnit.SECONDS);
			assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			writing.set(false);
			executor.shutdownNow();
		}
	}

	@Test
	void listWhenPrefixGivenThenReturnsMatchingKeysSorted() {
		for (String key : List.of("b/2", "a/1", "b/10", "b/1", "c", "bz")) {
			this.store.write(BUCKET, key, bytes(key));
		}
		assertThat(this.store.list(BUCKET, "b/")).containsExactly("b/1", "b/10", "b/2");
		assertThat(this.store.list(BUCKET, "b")).containsExactly("b/1", "b/10", "b/2", "bz");
		assertThat(this.store.list(BUCKET, "")).containsExactly("a/1", "b/1", "b/10", "b/2", "bz", "c");
	}

	@Test
	void listOrdersKeysByTheirUtf8BytesAsS3DoesAndPagesFollowThatOrder() {
		// U+E000 is EE 80 80 in UTF-8 and U+1F600 is F0 9F 98 80: by bytes U+E000 comes first, by UTF-16 units last.
		List<String> keys = List.of("k/\uE000", "k/\uD83D\uDE00", "k/z");
		for (String key : keys) {
			this.store.write(BUCKET, key, bytes(key));
		}
		assertThat(this.store.list(BUCKET, "k/")).containsExactly("k/z", "k/\uE000", "k/\uD83D\uDE00");
		BucketListing first = this.store.list(BUCKET, "k/", 2, null);
		assertThat(first.keys()).containsExactly("k/z", "k/\uE000");
		assertThat(first.nextPageToken()).isNotNull();
		assertThat(this.store.list(BUCKET, "k/", 2, first.nextPageToken()).keys()).containsExactly("k/\uD83D\uDE00");
	}

	@Test
	void listWhenBucketHasNoFolderThenEmpty() {
		assertThat(this.store.list("never-written", "")).isEmpty();
	}

	@Test
	void listDoesNotShowOtherBuckets() {
		this.store.write(BUCKET, "mine", bytes("x"));
		this.store.write("other", "theirs", bytes("y"));
		assertThat(this.store.list(BUCKET, "")).containsExactly("mine");
	}

	@Test
	void deleteWhenLastKeyOfFolderThenPrunesEmptyFolders() {
		this.store.write(BUCKET, "a/b/c/d.txt", bytes("x"));
		this.store.write(BUCKET, "a/keep.txt", bytes("y"));
		this.store.delete(BUCKET, "a/b/c/d.txt");
		assertThat(this.root.resolve(BUCKET).resolve("a/b")).doesNotExist();
		assertThat(this.root.resolve(BUCKET).resolve("a")).isDirectory();
		this.store.delete(BUCKET, "a/keep.txt");
		assertThat(this.root.resolve(BUCKET).resolve("a")).doesNotExist();
		assertThat(this.root.resolve(BUCKET)).isDirectory();
	}

	@Test
	void deleteWhenKeyMissingThenDoesNothing() {
		this.store.write(BUCKET, "a/x", bytes("x"));
		this.store.delete(BUCKET, "a/missing");
		this.store.delete(BUCKET, "a");
		assertThat(this.store.list(BUCKET, "")).containsExactly("a/x");
	}

	@Test
	void writeWhenKeyIsFolderOfOtherKeysThenFailsClearly() {
		this.store.write(BUCKET, "photos/cat.png", bytes("x"));
		assertThatExceptionOfType(BucketStorageException.class)
			.isThrownBy(() -> this.store.write(BUCKET, "photos", bytes("y")))
			.withMessageContaining("'photos'")
			.withMessageContaining("'images'")
			.withMessageContaining("keeps other keys under 'photos/'")
			.withMessageNotContaining(this.root.toString());
		assertThat(this.store.list(BUCKET, "")).containsExactly("photos/cat.png");
	}

	@Test
	void writeWhenPrefixOfKeyIsAnObjectThenFailsClearly() {
		this.store.write(BUCKET, "photos", bytes("x"));
		assertThatExceptionOfType(BucketStorageException.class)
			.isThrownBy(() -> this.store.write(BUCKET, "photos/cat.png", bytes("y")))
			.withMessageContaining("'photos/cat.png'")
			.withMessageContaining("already holds a key that is a prefix of it")
			.withMessageNotContaining(this.root.toString());
		assertThat(this.store.list(BUCKET, "")).containsExactly("photos");
	}

	private String read(String key) throws IOException {
		try (InputStream in = this.store.read(BUCKET, key)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static InputStream bytes(String content) {
		return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] payload(int thread, int write) {
		byte[] payload = new byte[64 * 1024 + thread * 1000 + write];
		Arrays.fill(payload, (byte) (thread * 31 + write));
		return payload;
	}

	private static List<Path> filesUnder(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

	/**
	 * A stream of pseudo-random bytes of a given length that is never held in memory.
	 */
	private static final class GeneratedInputStream extends InputStream {

		private long remaining;

		private long state = 0x9E3779B97F4A7C15L;

		GeneratedInputStream(long size) {
			this.remaining = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.remaining == 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.remaining);
			for (int i = 0; i < count; i++) {
				this.state ^= this.state << 13;
				this.state ^= this.state >>> 7;
				this.state ^= this.state << 17;
				buffer[offset + i] = (byte) this.state;
			}
			this.remaining -= count;
			return count;
		}

	}

}
