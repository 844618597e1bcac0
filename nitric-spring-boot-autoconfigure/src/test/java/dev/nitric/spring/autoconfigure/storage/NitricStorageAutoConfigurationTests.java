package dev.nitric.spring.autoconfigure.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.storage.BucketPermissionException;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.LocalBucketStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
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

	@Configuration(proxyBeanMethods = false)
	static class Buckets {

		@Bean
		Bucket images() {
			return Bucket.named("images").allow(BucketVerb.WRITE);
		}

	}

}
