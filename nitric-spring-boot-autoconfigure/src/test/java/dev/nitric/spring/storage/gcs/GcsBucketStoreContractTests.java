package dev.nitric.spring.storage.gcs;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link BucketStore} contract, against google-cloud-nio's in-process fake of Cloud Storage
 * ({@code LocalStorageHelper}). The fake has no HTTP endpoint and cannot sign URLs, and it does not page, so those
 * cases are skipped here, with their reasons in the test report: {@link GcsPresignedUrlTests} covers the signing,
 * {@link GcsBucketStorePagingTests} the paging, and {@link GcsBucketStoreFakeGcsServerContractTests} runs the whole
 * contract, paging included, against fake-gcs-server where Docker exists.
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
		return "LocalStorageHelper returns the first page and no next-page token (google-cloud-nio 0.135.0); "
				+ "GcsBucketStorePagingTests pages against a recording stand-in for objects.list instead, and "
				+ "GcsBucketStoreFakeGcsServerContractTests runs this case against fake-gcs-server where Docker exists";
	}

}
