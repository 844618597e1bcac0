package dev.nitric.spring.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.nitric.spring.model.BucketVerb;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link Bucket} and {@link BucketFile}.
 */
class BucketTests {

	@Test
	void readWhenDeclaredWriteOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		BucketPermissionException ex = permissionFailure(() -> bucket.file("secret-image.png").read());
		assertThat(ex.getBucket()).isEqualTo("secureBucket");
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(ex.getMessage()).startsWith("Bucket 'secureBucket' is not declared for read")
			.contains("read 'secret-image.png'")
			.contains("(declared: write)")
			.contains("s3:GetObject")
			.contains("s3:ListBucket")
			.contains("storage.objects.get")
			.contains("containers/blobs/read")
			.contains("BucketVerb.READ");
	}

	@Test
	void openStreamWhenDeclaredWriteOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		BucketPermissionException ex = permissionFailure(() -> bucket.file("k").openStream());
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(ex.getMessage()).contains("'secureBucket'").contains("s3:GetObject");
	}

	@Test
	void existsWhenDeclaredWriteOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		BucketPermissionException ex = permissionFailure(() -> bucket.file("k").exists());
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(ex.getMessage()).contains("'secureBucket'").contains("check whether 'k' exists");
	}

	@Test
	void metadataPagedListingKeysAndDownloadUrlsWhenDeclaredWriteOnlyThenFailBeforeAnyIo() {
		Bucket bucket = writeOnly();
		assertThat(permissionFailure(() -> bucket.file("k").metadata()).getMessage())
			.contains("read the metadata of 'k'");
		assertThat(permissionFailure(() -> bucket.list("", 10, null)).getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(permissionFailure(() -> bucket.keys("")).getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(permissionFailure(() -> bucket.file("k").downloadUrl(Duration.ofMinutes(5))).getMessage())
			.contains("sign a download URL for 'k'")
			.contains("s3:GetObject");
	}

	@Test
	void uploadUrlWhenDeclaredReadOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = Bucket.named("secureBucket").allow(BucketVerb.READ);
		bucket.bindTo(new FailingStore());
		assertThat(permissionFailure(() -> bucket.file("k").uploadUrl(Duration.ofMinutes(5))).getMessage())
			.contains("sign an upload URL for 'k'")
			.contains("s3:PutObject");
	}

	@Test
	void presignedUrlExpiryIsCheckedAgainstTheCloudsLimit() {
		Bucket bucket = Bucket.named("secureBucket").allow(BucketVerb.READ);
		bucket.bindTo(new FailingStore());
		assertThatIllegalArgumentException().isThrownBy(() -> bucket.file("k").downloadUrl(Duration.ofDays(8)))
			.withMessageContaining("at most 7 days");
		assertThatIllegalArgumentException().isThrownBy(() -> bucket.file("k").downloadUrl(Duration.ZERO));
	}

	@Test
	void keysReadsPageAfterPageOnlyAsTheStreamIsConsumed(@TempDir Path root) {
		Bucket bucket = Bucket.named("images").allow(BucketVerb.READ, BucketVerb.WRITE);
		bucket.bindTo(new LocalBucketStore(root, false));
		for (int i = 0; i < 1005; i++) {
			bucket.file(String.format("k/%05d", i)).write(new byte[0]);
		}
		assertThat(bucket.keys("k/")).hasSize(1005).startsWith("k/00000", "k/00001").endsWith("k/01004");
		assertThat(bucket.keys("k/").limit(3)).containsExactly("k/00000", "k/00001", "k/00002");
		BucketListing first = bucket.list("k/", 1000, null);
		assertThat(first.keys()).hasSize(1000);
		assertThat(first.hasNextPage()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> bucket.list("k/", 0, null));
	}

	@Test
	void listWhenDeclaredWriteOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		BucketPermissionException ex = permissionFailure(() -> bucket.list(""));
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.READ);
		assertThat(ex.getMessage()).contains("'secureBucket'").contains("list objects").contains("storage.objects.list");
	}

	@Test
	void deleteWhenDeclaredWriteOnlyThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		BucketPermissionException ex = permissionFailure(() -> bucket.file("k").delete());
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.DELETE);
		assertThat(ex.getMessage()).startsWith("Bucket 'secureBucket' is not declared for delete")
			.contains("s3:DeleteObject")
			.contains("storage.objects.delete")
			.contains("containers/blobs/delete");
	}

	@Test
	void writeWhenDeclaredReadOnlyThenFailsBeforeAnyIoAndDoesNotConsumeStream() {
		Bucket bucket = Bucket.named("docs").allow(BucketVerb.READ);
		bucket.bindTo(new FailingStore());
		ByteArrayInputStream content = new ByteArrayInputStream(new byte[] { 1, 2, 3 });
		BucketPermissionException ex = permissionFailure(() -> bucket.file("k").write(content));
		assertThat(ex.getMissingVerb()).isEqualTo(BucketVerb.WRITE);
		assertThat(ex.getMessage()).contains("'docs'").contains("s3:PutObject").contains("storage.objects.create");
		assertThat(content.available()).isEqualTo(3);
	}

	@Test
	void writeWhenNoVerbsDeclaredThenSaysSo() {
		Bucket bucket = Bucket.named("docs");
		bucket.bindTo(new FailingStore());
		BucketPermissionException ex = permissionFailure(() -> bucket.file("k").write(new byte[0]));
		assertThat(ex.getMessage()).contains("(declared: no verbs)");
	}

	@Test
	void writeWhenDeclaredWriteThenDelegatesToStore() {
		RecordingStore store = new RecordingStore();
		Bucket bucket = Bucket.named("secureBucket").allow(BucketVerb.WRITE);
		bucket.bindTo(store);
		bucket.file("a/b.png").write("png".getBytes(StandardCharsets.UTF_8));
		assertThat(store.calls).containsExactly("write secureBucket a/b.png png");
	}

	@Test
	void verbsWhenDeclaredThenEveryCallReachesStore(@TempDir Path root) {
		Bucket bucket = Bucket.named("docs").allow(BucketVerb.READ, BucketVerb.WRITE, BucketVerb.DELETE);
		bucket.bindTo(new LocalBucketStore(root));
		BucketFile file = bucket.file("notes/today.txt");
		file.write("hi".getBytes(StandardCharsets.UTF_8));
		assertThat(file.exists()).isTrue();
		assertThat(file.read()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
		assertThat(bucket.list("notes/")).containsExactly("notes/today.txt");
		file.delete();
		assertThat(file.exists()).isFalse();
	}

	@Test
	void fileWhenKeyInvalidThenFailsBeforeAnyIo() {
		Bucket bucket = writeOnly();
		assertThatExceptionOfType(InvalidObjectKeyException.class).isThrownBy(() -> bucket.file("../etc/passwd"))
			.withMessageContaining("'secureBucket'");
	}

	@Test
	void writeWhenUnboundThenTellsToDeclareBean() {
		Bucket bucket = Bucket.named("secureBucket").allow(BucketVerb.WRITE);
		assertThatIllegalStateException().isThrownBy(() -> bucket.file("k").write(new byte[0]))
			.withMessageContaining("Bucket 'secureBucket' is not bound to a store")
			.withMessageContaining("declare it as a Spring bean")
			.withMessageContaining("Bucket.named(\"secureBucket\")");
	}

	@Test
	void listWhenUnboundThenTellsToDeclareBean() {
		Bucket bucket = Bucket.named("docs").allow(BucketVerb.READ);
		assertThatIllegalStateException().isThrownBy(() -> bucket.list(""))
			.withMessageContaining("declare it as a Spring bean");
	}

	@Test
	void allowReturnsNewInstanceWithMergedVerbs() {
		Bucket read = Bucket.named("docs").allow(BucketVerb.READ);
		Bucket readWrite = read.allow(BucketVerb.WRITE, BucketVerb.READ);
		assertThat(readWrite).isNotSameAs(read);
		assertThat(read.verbs()).containsExactly(BucketVerb.READ);
		assertThat(readWrite.verbs()).containsExactly(BucketVerb.READ, BucketVerb.WRITE);
		assertThat(readWrite.name()).isEqualTo("docs");
	}

	@Test
	void verbsCannotBeModified() {
		Bucket bucket = Bucket.named("docs").allow(BucketVerb.READ);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> bucket.verbs().add(BucketVerb.DELETE));
	}

	@Test
	void namedWhenNameBlankThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> Bucket.named(" "))
			.withMessage("Bucket name must not be empty");
	}

	@Test
	void bindToWhenBoundToAnotherStoreThenFails() {
		Bucket bucket = writeOnly();
		assertThatIllegalStateException().isThrownBy(() -> bucket.bindTo(new RecordingStore()))
			.withMessageContaining("Bucket 'secureBucket' is already bound");
	}

	@Test
	void bindToWhenSameStoreAgainThenAccepts() {
		RecordingStore store = new RecordingStore();
		Bucket bucket = Bucket.named("docs").allow(BucketVerb.READ);
		bucket.bindTo(store);
		bucket.bindTo(store);
		bucket.list("x");
		assertThat(store.calls).containsExactly("list docs x");
	}

	private static Bucket writeOnly() {
		Bucket bucket = Bucket.named("secureBucket").allow(BucketVerb.WRITE);
		bucket.bindTo(new FailingStore());
		return bucket;
	}

	private static BucketPermissionException permissionFailure(ThrowingCallable call) {
		BucketPermissionException ex = catchThrowableOfType(BucketPermissionException.class, call);
		assertThat(ex).as("BucketPermissionException thrown").isNotNull();
		return ex;
	}

	/**
	 * A store that fails the test when it is called at all.
	 */
	private static final class FailingStore implements BucketStore {

		@Override
		public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
			fail("write(%s, %s) reached the store", bucket, key);
		}

		@Override
		public ObjectMetadata metadata(String bucket, String key) {
			return fail("metadata(%s, %s) reached the store", bucket, key);
		}

		@Override
		public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
			return fail("list(%s, %s) reached the store", bucket, prefix);
		}

		@Override
		public URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
			return fail("presignedUrl(%s, %s) reached the store", bucket, key);
		}

		@Override
		public InputStream read(String bucket, String key) {
			return fail("read(%s, %s) reached the store", bucket, key);
		}

		@Override
		public boolean exists(String bucket, String key) {
			return fail("exists(%s, %s) reached the store", bucket, key);
		}

		@Override
		public void delete(String bucket, String key) {
			fail("delete(%s, %s) reached the store", bucket, key);
		}

		@Override
		public List<String> list(String bucket, String prefix) {
			return fail("list(%s, %s) reached the store", bucket, prefix);
		}

	}

	/**
	 * A store that records the calls it receives.
	 */
	private static final class RecordingStore implements BucketStore {

		private final List<String> calls = new ArrayList<>();

		@Override
		public ObjectMetadata metadata(String bucket, String key) {
			this.calls.add("metadata " + bucket + " " + key);
			return new ObjectMetadata(key, 0, ContentTypes.DEFAULT, Instant.EPOCH);
		}

		@Override
		public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
			this.calls.add("list " + bucket + " " + prefix + " " + pageSize + " " + pageToken);
			return new BucketListing(List.of(), null);
		}

		@Override
		public URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
			this.calls.add("presign " + bucket + " " + key + " " + method);
			return URI.create("https://example.invalid/" + key);
		}

		@Override
		public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
			try {
				this.calls.add("write " + bucket + " " + key + " "
						+ new String(content.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public InputStream read(String bucket, String key) {
			this.calls.add("read " + bucket + " " + key);
			return new ByteArrayInputStream(new byte[0]);
		}

		@Override
		public boolean exists(String bucket, String key) {
			this.calls.add("exists " + bucket + " " + key);
			return false;
		}

		@Override
		public void delete(String bucket, String key) {
			this.calls.add("delete " + bucket + " " + key);
		}

		@Override
		public List<String> list(String bucket, String prefix) {
			this.calls.add("list " + bucket + " " + prefix);
			return List.of();
		}

	}

}
