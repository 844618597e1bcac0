package dev.nitric.spring.storage;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link BucketStore} contract, against the {@link LocalBucketStore} with {@code fsync} on
 * ({@code nitric.storage.local.fsync=true}): flushing each write changes nothing a caller can observe.
 */
class LocalBucketStoreWithFsyncContractTests extends BucketStoreContractTests {

	@TempDir
	Path root;

	private LocalBucketStore store;

	@BeforeEach
	void createStore() {
		this.store = new LocalBucketStore(this.root, true);
	}

	@Override
	protected BucketStore store() {
		return this.store;
	}

	@Override
	protected @Nullable String presignedUrlsUnsupported() {
		return "the local store has no server to check signatures; LocalBucketStoreContractTests checks its error";
	}

}
