package dev.nitric.spring.storage.gcs;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link BucketStore} contract, against google-cloud-nio's in-process fake of Cloud Storage
 * ({@code LocalStorageHelper}). The fake has no HTTP endpoint and cannot sign URLs, so that case is skipped here,
 * with its reason in the test report.
 */
class GcsBucketStoreContractTests extends BucketStoreContractTests {

	private GcsBucketStore store;

	@BeforeEach
	void createStore() {
		this.store = new GcsBucketStore(LocalStorageHelper.getOptions().getService(), (logical) -> logical + "-physical");
	}

	@Override
	protected BucketStore store() {
		return this.store;
	}

	@Override
	protected @Nullable String presignedUrlsUnsupported() {
		return "LocalStorageHelper has no HTTP endpoint and no signing credentials (google-cloud-nio 0.135.0); "
				+ "GcsPresignedUrlTests verifies the V4 signatures offline instead";
	}

	@Override
	protected @Nullable String pagingUnsupported() {
		return "LocalStorageHelper returns the first page and no next-page token (google-cloud-nio 0.135.0)";
	}

}
