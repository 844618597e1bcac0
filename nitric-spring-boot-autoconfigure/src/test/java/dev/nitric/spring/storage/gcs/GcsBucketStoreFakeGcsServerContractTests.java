package dev.nitric.spring.storage.gcs;

import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@link BucketStore} contract, against <a href="https://github.com/fsouza/fake-gcs-server">fake-gcs-server</a>
 * in a container, with the real google-cloud-storage client over HTTP. Unlike {@code LocalStorageHelper}
 * ({@link GcsBucketStoreContractTests}), it pages listings with next-page tokens and takes resumable uploads, so the
 * paging case runs here.
 * <p>
 * <strong>Skipped where Docker is missing</strong>, as on this project's development and CI machines: there,
 * {@link GcsBucketStorePagingTests} proves the paging against a recording stand-in for {@code objects.list}, and
 * {@link GcsBucketStoreContractTests} runs the rest of the contract in process.
 * <p>
 * The server runs with {@code -scheme http} (its default is HTTPS with a self-signed certificate) and the in-memory
 * backend. It needs no {@code -external-url}: since 1.53.0 it builds the URL of a resumable upload from the request's
 * {@code Host}, which is the mapped port the client used. Each test gets a bucket of its own.
 */
@Testcontainers(disabledWithoutDocker = true)
class GcsBucketStoreFakeGcsServerContractTests extends BucketStoreContractTests {

	/** Pinned: {@code objects.list} pages with {@code pageToken}/{@code nextPageToken} only since 1.53.0. */
	private static final DockerImageName IMAGE = DockerImageName.parse("fsouza/fake-gcs-server:1.54.0");

	private static final int PORT = 4443;

	private static final AtomicInteger BUCKET_NUMBERS = new AtomicInteger();

	@Container
	static final GenericContainer<?> fakeGcsServer = new GenericContainer<>(IMAGE)
		.withCommand("-scheme", "http", "-port", String.valueOf(PORT), "-backend", "memory")
		.withExposedPorts(PORT)
		.waitingFor(Wait.forHttp("/_internal/healthcheck").forPort(PORT));

	private Storage storage;

	private GcsBucketStore store;

	@BeforeEach
	void createBucket() {
		this.storage = StorageOptions.newBuilder()
			.setHost("http://" + fakeGcsServer.getHost() + ":" + fakeGcsServer.getMappedPort(PORT))
			.setProjectId("nitric-test")
			.setCredentials(NoCredentials.getInstance())
			.build()
			.getService();
		String physical = BUCKET + "-" + BUCKET_NUMBERS.incrementAndGet();
		this.storage.create(BucketInfo.of(physical));
		this.store = new GcsBucketStore(this.storage, (logical) -> physical);
	}

	@AfterEach
	void closeClient() throws Exception {
		this.storage.close();
	}

	@Override
	protected BucketStore store() {
		return this.store;
	}

	@Override
	protected @Nullable String presignedUrlsUnsupported() {
		return "google-cloud-storage 2.71.0 signs a URL for a custom host without its port, so it cannot reach the "
				+ "container's mapped port (and NoCredentials cannot sign); GcsPresignedUrlTests verifies the V4 "
				+ "signatures offline instead";
	}

}
