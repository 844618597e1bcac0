package dev.nitric.spring.storage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link BucketStore} meets, run against each backend: the local file system, S3 (s3proxy),
 * Cloud Storage ({@code LocalStorageHelper}) and Blob Storage (Azurite). A subclass provides the store, with a bucket
 * named {@link #BUCKET} that is empty before each test.
 */
public abstract class BucketStoreContractTests {

	/** The logical name of the bucket the tests use. */
	protected static final String BUCKET = "contract";

	/** A size larger than one part, chunk or block of every backend, so that uploads are staged. */
	private static final int STAGED_SIZE = 20 * 1024 * 1024 + 123;

	/**
	 * The store under test.
	 * @return the store
	 */
	protected abstract BucketStore store();

	/**
	 * Why this backend cannot sign URLs, or {@code null} when it can.
	 * @return the reason the pre-signed URL cases are skipped
	 */
	protected @Nullable String presignedUrlsUnsupported() {
		return null;
	}

	/**
	 * Why this backend cannot page a listing, or {@code null} when it can.
	 * @return the reason the paging case is skipped
	 */
	protected @Nullable String pagingUnsupported() {
		return null;
	}

	/**
	 * Whether the backend refuses a pre-signed URL whose path was changed.
	 * @return {@code true} if it checks signatures
	 */
	protected boolean checksSignatures() {
		return true;
	}

	/**
	 * Headers an HTTP client adds to a pre-signed upload.
	 * @return the headers
	 */
	protected Map<String, String> uploadHeaders() {
		return Map.of();
	}

	@Test
	void writtenBytesReadBackUnchanged() throws IOException {
		store().write(BUCKET, "notes/hello.txt", bytes("hello"), null);
		try (InputStream in = store().read(BUCKET, "notes/hello.txt")) {
			assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
		}
	}

	@Test
	void writeReplacesTheWholeContent() throws IOException {
		store().write(BUCKET, "k", bytes("a much longer first content"), null);
		store().write(BUCKET, "k", bytes("short"), null);
		assertThat(content("k")).isEqualTo("short");
	}

	@Test
	void emptyObjectsAreObjects() throws IOException {
		store().write(BUCKET, "empty", new ByteArrayInputStream(new byte[0]), null);
		assertThat(store().exists(BUCKET, "empty")).isTrue();
		assertThat(content("empty")).isEmpty();
		assertThat(store().metadata(BUCKET, "empty").size()).isZero();
	}

	@Test
	void readingOrDescribingAMissingObjectIsNotFound() {
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> store().read(BUCKET, "missing"))
			.withMessage("Bucket '" + BUCKET + "' has no object 'missing'");
		assertThatExceptionOfType(ObjectNotFoundException.class)
			.isThrownBy(() -> store().metadata(BUCKET, "missing/too"));
	}

	@Test
	void existsUntilDeleted() {
		store().write(BUCKET, "a/b", bytes("x"), null);
		assertThat(store().exists(BUCKET, "a/b")).isTrue();
		assertThat(store().exists(BUCKET, "a")).isFalse();
		store().delete(BUCKET, "a/b");
		assertThat(store().exists(BUCKET, "a/b")).isFalse();
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> store().read(BUCKET, "a/b"));
	}

	@Test
	void deletingAMissingObjectIsNotAnError() {
		store().delete(BUCKET, "never-written");
		assertThat(store().exists(BUCKET, "never-written")).isFalse();
	}

	@Test
	void metadataHasSizeContentTypeAndLastModified() {
		Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
		store().write(BUCKET, "docs/report.bin", bytes("12345"), "application/pdf");
		store().write(BUCKET, "docs/page.html", bytes("<p>"), null);
		store().write(BUCKET, "docs/unknown", bytes("?"), null);
		ObjectMetadata report = store().metadata(BUCKET, "docs/report.bin");
		assertThat(report.key()).isEqualTo("docs/report.bin");
		assertThat(report.size()).isEqualTo(5);
		assertThat(report.lastModified()).isBetween(before, Instant.now().plus(1, ChronoUnit.MINUTES));
		assertThat(store().metadata(BUCKET, "docs/page.html").contentType()).isEqualTo("text/html");
		assertThat(store().metadata(BUCKET, "docs/unknown").contentType()).isEqualTo(ContentTypes.DEFAULT);
		assertContentTypeKept(report);
	}

	/**
	 * Assert that a media type given on write is kept.
	 * @param metadata the metadata of an object written as {@code application/pdf}
	 */
	protected void assertContentTypeKept(ObjectMetadata metadata) {
		assertThat(metadata.contentType()).isEqualTo("application/pdf");
	}

	@Test
	void listReturnsKeysByPrefixInOrder() {
		for (String key : List.of("b/2", "a/1", "b/10", "bz", "c", "b/1")) {
			store().write(BUCKET, key, bytes(key), null);
		}
		assertThat(store().list(BUCKET, "b/")).containsExactly("b/1", "b/10", "b/2");
		assertThat(store().list(BUCKET, "b")).containsExactly("b/1", "b/10", "b/2", "bz");
		assertThat(store().list(BUCKET, "")).containsExactly("a/1", "b/1", "b/10", "b/2", "bz", "c");
		assertThat(store().list(BUCKET, "nothing/")).isEmpty();
	}

	@Test
	void listIsPagedAndTheTokensWalkEveryKeyOnce() {
		String unsupported = pagingUnsupported();
		assumeTrue(unsupported == null, () -> "Paging is not tested on this backend: " + unsupported);
		List<String> written = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			written.add("page/" + i);
			store().write(BUCKET, "page/" + i, bytes("x"), null);
		}
		store().write(BUCKET, "other", bytes("x"), null);
		List<String> seen = new ArrayList<>();
		int pages = 0;
		String token = null;
		do {
			BucketListing page = store().list(BUCKET, "page/", 3, token);
			assertThat(page.keys()).hasSizeLessThanOrEqualTo(3);
			seen.addAll(page.keys());
			token = page.nextPageToken();
			pages++;
		}
		while (token != null && pages < 10);
		assertThat(seen).containsExactlyElementsOf(written);
		assertThat(pages).isBetween(3, 4);
	}

	@Test
	void contentLargerThanOneUploadPartStreamsThroughUnchanged() throws IOException {
		store().write(BUCKET, "big.bin", new GeneratedContent(STAGED_SIZE, 1), null);
		assertThat(store().metadata(BUCKET, "big.bin").size()).isEqualTo(STAGED_SIZE);
		assertThat(GeneratedContent.sha256(store().read(BUCKET, "big.bin")))
			.isEqualTo(GeneratedContent.sha256(STAGED_SIZE, 1));
	}

	@Test
	void aWriteWhoseContentFailsKeepsTheOldContent() throws IOException {
		store().write(BUCKET, "k", bytes("old"), null);
		for (int failAfter : new int[] { 10, STAGED_SIZE - 1000 }) {
			InputStream failing = new FilterInputStream(new GeneratedContent(STAGED_SIZE, 2)) {

				private long read;

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					if (this.read >= failAfter) {
						throw new IOException("connection reset by client");
					}
					int n = super.read(buffer, offset, (int) Math.min(length, failAfter - this.read));
					this.read += Math.max(n, 0);
					return n;
				}

			};
			assertThatExceptionOfType(BucketStorageException.class)
				.isThrownBy(() -> store().write(BUCKET, "k", failing, null))
				.withMessageContaining("'k'")
				.withMessageContaining(BUCKET);
			assertThat(content("k")).isEqualTo("old");
		}
		assertThat(store().list(BUCKET, "")).containsExactly("k");
	}

	@Test
	void presignedUrlsLetAnHttpClientUploadAndDownload() throws Exception {
		String unsupported = presignedUrlsUnsupported();
		assumeTrue(unsupported == null, () -> "Pre-signed URLs are not tested on this backend: " + unsupported);
		HttpClient http = HttpClient.newHttpClient();
		URI upload = store().presignedUrl(BUCKET, "shared/upload.txt", PresignedUrlMethod.UPLOAD, Duration.ofMinutes(5));
		HttpRequest.Builder put = HttpRequest.newBuilder(upload)
			.PUT(HttpRequest.BodyPublishers.ofString("uploaded by a browser"));
		uploadHeaders().forEach(put::header);
		assertThat(http.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(200, 201);
		assertThat(content("shared/upload.txt")).isEqualTo("uploaded by a browser");
		URI download = store().presignedUrl(BUCKET, "shared/upload.txt", PresignedUrlMethod.DOWNLOAD,
				Duration.ofMinutes(5));
		HttpResponse<String> got = http.send(HttpRequest.newBuilder(download).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).isEqualTo("uploaded by a browser");
		if (!checksSignatures()) {
			return;
		}
		HttpResponse<String> tampered = http.send(
				HttpRequest.newBuilder(URI.create(download.toString().replace("shared/upload.txt", "shared/other.txt")))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(tampered.statusCode()).isGreaterThanOrEqualTo(400);
	}

	/**
	 * Read an object as text.
	 * @param key the key
	 * @return the content
	 * @throws IOException if reading fails
	 */
	protected String content(String key) throws IOException {
		try (InputStream in = store().read(BUCKET, key)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Content as a stream.
	 * @param text the content
	 * @return the stream
	 */
	protected static InputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
