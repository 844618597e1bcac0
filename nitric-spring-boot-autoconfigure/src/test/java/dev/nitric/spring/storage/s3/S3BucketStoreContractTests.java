package dev.nitric.spring.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import dev.nitric.spring.storage.BucketStorageException;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link BucketStore} contract, against an in-process s3proxy.
 */
class S3BucketStoreContractTests extends BucketStoreContractTests {

	@RegisterExtension
	static final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret").build();

	private S3Client client;

	private S3Presigner presigner;

	private S3BucketStore store;

	@BeforeEach
	void createBucket() {
		StaticCredentialsProvider credentials = StaticCredentialsProvider
			.create(AwsBasicCredentials.create(s3proxy.getAccessKey(), s3proxy.getSecretKey()));
		this.client = S3Client.builder()
			.endpointOverride(s3proxy.getUri())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(credentials)
			.build();
		this.presigner = S3Presigner.builder()
			.endpointOverride(s3proxy.getUri())
			.region(Region.US_EAST_1)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.credentialsProvider(credentials)
			.build();
		this.client.createBucket((request) -> request.bucket("contract-physical"));
		this.store = new S3BucketStore(this.client, this.presigner, (logical) -> logical + "-physical");
	}

	@AfterEach
	void closeClients() {
		this.client.close();
		this.presigner.close();
	}

	@Override
	protected BucketStore store() {
		return this.store;
	}

	@Test
	void aRefusedRequestSaysWhichDeployedPermissionIsMissing() {
		try (S3Client wrongCredentials = S3Client.builder()
			.endpointOverride(s3proxy.getUri())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "wrong")))
			.build()) {
			S3BucketStore refused = new S3BucketStore(wrongCredentials, this.presigner, (logical) -> logical + "-physical");
			assertThatExceptionOfType(BucketStorageException.class)
				.isThrownBy(() -> refused.write(BUCKET, "k", new ByteArrayInputStream(new byte[1]), null))
				.withMessageStartingWith("AWS refused to write 'k' of bucket 'contract' (")
				.withMessageContaining("the deployed permissions lack s3:PutObject");
		}
	}

	@Test
	void anUnreachableEndpointFailsAfterBoundedRetriesWithoutLeakingIt() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (S3Client unreachable = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
			.overrideConfiguration((configuration) -> configuration.retryStrategy((retry) -> retry.maxAttempts(3)))
			.build()) {
			S3BucketStore store = new S3BucketStore(unreachable, this.presigner, (logical) -> logical + "-physical");
			assertThatExceptionOfType(BucketStorageException.class).isThrownBy(() -> store.read(BUCKET, "k"))
				.withMessageStartingWith("Could not read 'k' of bucket 'contract': S3 could not be reached")
				.withMessageNotContaining("127.0.0.1")
				.withMessageNotContaining("secret");
		}
	}

}
