package dev.nitric.spring.storage.gcs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.auth.Credentials;
import com.google.auth.ServiceAccountSigner;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.nitric.spring.json.Json;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link BucketStore} contract, against <a href="https://github.com/fsouza/fake-gcs-server">fake-gcs-server</a>
 * in a container, with the real google-cloud-storage client over HTTP. Unlike {@code LocalStorageHelper}
 * ({@link GcsBucketStoreContractTests}), it pages listings with next-page tokens and takes resumable uploads, so the
 * paging case runs here.
 * <p>
 * <strong>Skipped where Docker is missing</strong>, as on this project's development and CI machines, so it has not
 * run there yet: it was written against fake-gcs-server 1.54.0's flags and source. There,
 * {@link GcsBucketStorePagingTests} proves the paging against a recording stand-in for {@code objects.list},
 * {@link GcsPresignedUrlTests} the signatures, and {@link GcsBucketStoreContractTests} runs the rest of the contract
 * in process.
 * <p>
 * The server runs with {@code -scheme http} (its default is HTTPS with a self-signed certificate) and the in-memory
 * backend. It needs no {@code -external-url}: since 1.53.0 it builds the URL of a resumable upload from the request's
 * {@code Host}, which is the mapped port the client used. Pre-signed URLs name that same host and port, and the server
 * answers them only on its public host, so that is set to it once the container runs. The client signs with a
 * generated key and sends no credentials (the server checks neither). Each test gets a bucket of its own.
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

	private static SigningOnlyCredentials credentials;

	private Storage storage;

	private GcsBucketStore store;

	@BeforeAll
	static void answerSignedUrlsOnTheMappedPort() throws Exception {
		String publicHost = "{\"publicHost\":" + Json.quote(URI.create(host()).getRawAuthority()) + "}";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(host() + "/_internal/config"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(publicHost))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		credentials = new SigningOnlyCredentials(generator.generateKeyPair().getPrivate());
	}

	private static String host() {
		return "http://" + fakeGcsServer.getHost() + ":" + fakeGcsServer.getMappedPort(PORT);
	}

	@BeforeEach
	void createBucket() {
		this.storage = StorageOptions.newBuilder()
			.setHost(host())
			.setProjectId("nitric-test")
			.setCredentials(credentials)
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
	protected boolean checksSignatures() {
		return false;
	}

	/**
	 * Credentials that sign URLs with a private key, as a service account's do, but add nothing to a request, so
	 * that the client never asks Google's token endpoint for an access token.
	 */
	static final class SigningOnlyCredentials extends Credentials implements ServiceAccountSigner {

		private final PrivateKey key;

		SigningOnlyCredentials(PrivateKey key) {
			this.key = key;
		}

		@Override
		public String getAccount() {
			return "contract@nitric-test.iam.gserviceaccount.com";
		}

		@Override
		public byte[] sign(byte[] toSign) {
			try {
				Signature signature = Signature.getInstance("SHA256withRSA");
				signature.initSign(this.key);
				signature.update(toSign);
				return signature.sign();
			}
			catch (GeneralSecurityException ex) {
				throw new SigningException("Could not sign", ex);
			}
		}

		@Override
		public String getAuthenticationType() {
			return "none";
		}

		@Override
		public Map<String, List<String>> getRequestMetadata(URI uri) {
			return Map.of();
		}

		@Override
		public boolean hasRequestMetadata() {
			return false;
		}

		@Override
		public boolean hasRequestMetadataOnly() {
			return true;
		}

		@Override
		public void refresh() {
		}

	}

}
