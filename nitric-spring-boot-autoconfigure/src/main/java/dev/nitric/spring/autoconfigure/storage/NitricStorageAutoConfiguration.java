package dev.nitric.spring.autoconfigure.storage;

import java.time.Duration;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.storage.BucketNameResolver;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.LocalBucketStore;
import dev.nitric.spring.storage.azure.AzureBlobBucketStore;
import dev.nitric.spring.storage.gcs.GcsBucketStore;
import dev.nitric.spring.storage.s3.S3BucketStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of bucket storage: the
 * {@link BucketStore} chosen by {@code nitric.storage.backend} (the embedded {@link LocalBucketStore} by default, or
 * {@link S3BucketStore}, {@link GcsBucketStore}, {@link AzureBlobBucketStore} when their SDK is on the class path),
 * unless the application defines its own, and the binding of every {@link Bucket} bean to it. A cloud backend
 * resolves every bucket's physical name when the bucket is bound, so that a missing environment variable fails the
 * start-up, not the first request.
 * <p>
 * Start-up cost: the embedded store and the binding are declared on this class itself; each cloud backend keeps a
 * nested configuration class (its SDK types are in its signatures), found as a member class rather than also
 * imported, so that Spring reads and checks it once.
 */
@AutoConfiguration
@EnableConfigurationProperties(NitricProperties.class)
public final class NitricStorageAutoConfiguration {

	static final String BACKEND = "nitric.storage.backend";

	@Bean
	@ConditionalOnProperty(name = BACKEND, havingValue = "local", matchIfMissing = true)
	@ConditionalOnMissingBean
	BucketStore nitricBucketStore(NitricProperties properties) {
		NitricProperties.Local local = properties.storage().local();
		return new LocalBucketStore(local.root(), local.fsync());
	}

	@Bean
	static BeanPostProcessor nitricBucketBinder(ObjectProvider<BucketStore> store,
			ObjectProvider<BucketNameResolver> names, Environment environment) {
		return new BucketBinder(store, names, environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(S3Client.class)
	@ConditionalOnProperty(name = BACKEND, havingValue = "s3")
	static class S3StoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		S3Client nitricS3Client(NitricProperties properties) {
			NitricProperties.S3 s3 = properties.storage().s3();
			S3ClientBuilder builder = S3Client.builder()
				.forcePathStyle(s3.pathStyle())
				.overrideConfiguration((configuration) -> configuration
					.retryStrategy((retry) -> retry.maxAttempts(s3.maxAttempts()))
					.apiCallAttemptTimeout(Duration.ofMinutes(5)));
			if (s3.region() != null) {
				builder.region(Region.of(s3.region()));
			}
			if (s3.endpoint() != null) {
				builder.endpointOverride(s3.endpoint());
			}
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		S3Presigner nitricS3Presigner(NitricProperties properties) {
			NitricProperties.S3 s3 = properties.storage().s3();
			S3Presigner.Builder builder = S3Presigner.builder()
				.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
			if (s3.region() != null) {
				builder.region(Region.of(s3.region()));
			}
			if (s3.endpoint() != null) {
				builder.endpointOverride(s3.endpoint());
			}
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		BucketNameResolver nitricBucketNameResolver(Environment environment) {
			return new EnvironmentBucketNameResolver(environment, "s3");
		}

		@Bean
		@ConditionalOnMissingBean
		BucketStore nitricBucketStore(S3Client client, S3Presigner presigner, BucketNameResolver names) {
			return new S3BucketStore(client, presigner, names);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Storage.class)
	@ConditionalOnProperty(name = BACKEND, havingValue = "gcs")
	static class GcsStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Storage nitricGcsStorage(NitricProperties properties) {
			NitricProperties.Gcs gcs = properties.storage().gcs();
			StorageOptions.Builder builder = StorageOptions.getDefaultInstance().toBuilder();
			builder.setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder()
				.setMaxAttempts(gcs.maxAttempts())
				.build());
			if (gcs.projectId() != null) {
				builder.setProjectId(gcs.projectId());
			}
			if (gcs.host() != null) {
				builder.setHost(gcs.host());
			}
			return builder.build().getService();
		}

		@Bean
		@ConditionalOnMissingBean
		BucketNameResolver nitricBucketNameResolver(Environment environment) {
			return new EnvironmentBucketNameResolver(environment, "gcs");
		}

		@Bean
		@ConditionalOnMissingBean
		BucketStore nitricBucketStore(Storage storage, BucketNameResolver names) {
			return new GcsBucketStore(storage, names);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ BlobServiceClient.class, JdkHttpClientBuilder.class })
	@ConditionalOnProperty(name = BACKEND, havingValue = "azure")
	static class AzureStoreConfiguration {

		static final String CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";

		@Bean
		@ConditionalOnMissingBean
		BlobServiceClient nitricBlobServiceClient(NitricProperties properties, Environment environment) {
			NitricProperties.Azure azure = properties.storage().azure();
			BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(new JdkHttpClientBuilder().build())
				.retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, azure.maxAttempts(), (Duration) null, null, null,
						null));
			if (azure.endpoint() != null) {
				return builder.endpoint(azure.endpoint().toString()).credential(AzureCredentials.defaultChain()).buildClient();
			}
			String connectionString = environment.getProperty(CONNECTION_STRING);
			if (connectionString == null || connectionString.isBlank()) {
				throw new IllegalStateException("nitric.storage.backend=azure needs nitric.storage.azure.endpoint (the "
						+ "storage account's Blob endpoint, used with DefaultAzureCredential) or the environment variable "
						+ CONNECTION_STRING);
			}
			return builder.connectionString(connectionString).buildClient();
		}

		@Bean
		@ConditionalOnMissingBean
		BucketNameResolver nitricBucketNameResolver(Environment environment) {
			return new EnvironmentBucketNameResolver(environment, "azure");
		}

		@Bean
		@ConditionalOnMissingBean
		BucketStore nitricBucketStore(BlobServiceClient client, BucketNameResolver names) {
			return new AzureBlobBucketStore(client, names);
		}

		/**
		 * Builds {@code DefaultAzureCredential} only when azure-identity is there, without loading it otherwise.
		 */
		static final class AzureCredentials {

			private AzureCredentials() {
			}

			static com.azure.core.credential.TokenCredential defaultChain() {
				try {
					Class.forName("com.azure.identity.DefaultAzureCredentialBuilder", false,
							AzureCredentials.class.getClassLoader());
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException("nitric.storage.azure.endpoint needs com.azure:azure-identity on the class "
							+ "path for DefaultAzureCredential");
				}
				return new DefaultAzureCredentialBuilder().build();
			}

		}

	}

}
