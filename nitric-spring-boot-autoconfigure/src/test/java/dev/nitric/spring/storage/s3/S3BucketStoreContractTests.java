package dev.nitric.spring.storage.s3;

import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreContractTests;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

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

}
