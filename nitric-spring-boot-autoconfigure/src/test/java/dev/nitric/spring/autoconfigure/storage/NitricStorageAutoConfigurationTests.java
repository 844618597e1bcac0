package dev.nitric.spring.autoconfigure.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.storage.BucketNameResolver;
import dev.nitric.spring.storage.BucketPermissionException;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.LocalBucketStore;
import dev.nitric.spring.storage.azure.AzureBlobBucketStore;
import dev.nitric.spring.storage.s3.S3BucketStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NitricStorageAutoConfiguration}.
 */
class NitricStorageAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitricStorageAutoConfiguration.class));

	@TempDir
	Path root;

	@Test
	void bucketBeansWriteToTheLocalStoreUnderTheConfiguredRoot() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withPropertyValues("nitric.storage.local.root=" + this.root)
			.run((context) -> {
				assertThat(context.getBean(BucketStore.class)).isInstanceOf(LocalBucketStore.class);
				context.getBean("images", Bucket.class).file("cats/1.png").write("meow".getBytes(StandardCharsets.UTF_8));
				assertThat(this.root.resolve("images/cats/1.png")).hasContent("meow");
			});
	}

	@Test
	void localStoreDefaultsToDotNitricBucketsInTheWorkingDirectory() {
		this.contextRunner.run((context) -> assertThat(((LocalBucketStore) context.getBean(BucketStore.class)).root())
			.isEqualTo(Path.of(".nitric/buckets").toAbsolutePath().normalize()));
	}

	@Test
	void bucketBeansRefuseVerbsTheyWereNotDeclaredFor() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withPropertyValues("nitric.storage.local.root=" + this.root)
			.run((context) -> {
				Bucket images = context.getBean("images", Bucket.class);
				assertThatExceptionOfType(BucketPermissionException.class).isThrownBy(() -> images.file("a").read())
					.withMessageContaining("s3:GetObject");
				assertThat(Files.exists(this.root.resolve("images"))).isFalse();
			});
	}

	@Test
	void storeBacksOffWhenTheApplicationDefinesOne() {
		LocalBucketStore own = new LocalBucketStore(this.root.resolve("own"));
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withBean(BucketStore.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean(BucketStore.class)).isSameAs(own);
				context.getBean("images", Bucket.class).file("x").write(new byte[] { 1 });
				assertThat(this.root.resolve("own/images/x")).exists();
			});
	}

	@Test
	void s3BackendTakesEachBucketsPhysicalNameFromItsEnvironmentVariable() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withPropertyValues("nitric.storage.backend=s3", "nitric.storage.s3.region=eu-west-1",
					"NITRIC_BUCKET_IMAGES=images-a1b2c3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BucketStore.class)).isInstanceOf(S3BucketStore.class);
				assertThat(context.getBean(BucketNameResolver.class).physicalName("images")).isEqualTo("images-a1b2c3");
			});
	}

	@Test
	void cloudBackendFailsTheStartUpNamingTheMissingEnvironmentVariable() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withPropertyValues("nitric.storage.backend=s3", "nitric.storage.s3.region=eu-west-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bucket 'images' has no physical name")
				.hasMessageContaining("NITRIC_BUCKET_IMAGES"));
	}

	@Test
	void azureBackendUsesTheConnectionStringFromTheEnvironment() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withPropertyValues("nitric.storage.backend=azure", "NITRIC_BUCKET_IMAGES=images",
					"AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
							+ "AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;")
			.run((context) -> assertThat(context.getBean(BucketStore.class)).isInstanceOf(AzureBlobBucketStore.class));
	}

	@Test
	void cloudBackendWithoutItsSdkFailsTheStartUpNamingTheDependency() {
		this.contextRunner.withUserConfiguration(Buckets.class)
			.withClassLoader(new FilteredClassLoader(S3Client.class))
			.withPropertyValues("nitric.storage.backend=s3", "NITRIC_BUCKET_IMAGES=images")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("nitric.storage.backend=s3")
				.hasMessageContaining("software.amazon.awssdk:s3"));
	}

	@Test
	void localStoreDoesNotFsyncByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(BucketStore.class)).hasFieldOrPropertyWithValue("fsync", false));
	}

	@Test
	void localStoreFsyncCanBeTurnedOn() {
		this.contextRunner.withPropertyValues("nitric.storage.local.fsync=true")
			.run((context) -> assertThat(context.getBean(BucketStore.class)).hasFieldOrPropertyWithValue("fsync", true));
	}

	@Configuration(proxyBeanMethods = false)
	static class Buckets {

		@Bean
		Bucket images() {
			return Bucket.named("images").allow(BucketVerb.WRITE);
		}

	}

}
