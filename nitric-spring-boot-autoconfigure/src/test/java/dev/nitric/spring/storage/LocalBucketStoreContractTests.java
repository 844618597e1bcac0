package dev.nitric.spring.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link BucketStore} contract, against the {@link LocalBucketStore}.
 */
class LocalBucketStoreContractTests extends BucketStoreContractTests {

	@TempDir
	Path root;

	private LocalBucketStore store;

	@BeforeEach
	void createStore() {
		this.store = new LocalBucketStore(this.root);
	}

	@Override
	protected BucketStore store() {
		return this.store;
	}

	@Override
	protected @Nullable String presignedUrlsUnsupported() {
		return "the local store has no server to check signatures; it throws PresignedUrlNotSupportedException";
	}

	@Test
	void signingAUrlFailsWithAClearMessage() {
		assertThatExceptionOfType(PresignedUrlNotSupportedException.class)
			.isThrownBy(() -> this.store.presignedUrl(BUCKET, "a.png", PresignedUrlMethod.DOWNLOAD, Duration.ofMinutes(1)))
			.withMessage("Cannot sign a URL for 'a.png' of bucket 'contract': LocalBucketStore does not support "
					+ "pre-signed URLs (the S3, Cloud Storage and Blob Storage backends do)");
	}

}
