package dev.nitric.spring.autoconfigure.storage;

import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.storage.BucketNameResolver;
import dev.nitric.spring.storage.BucketStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Binds every {@link Bucket} bean to the bucket store as it is created, so that no bucket is used unbound; a cloud
 * backend's {@link BucketNameResolver} resolves the bucket's physical name then, so that a missing one fails the
 * start-up. A top-level class rather than a nested one: Spring reads every member class of an auto-configuration
 * while parsing it.
 */
final class BucketBinder implements BeanPostProcessor {

	private final ObjectProvider<BucketStore> store;

	private final ObjectProvider<BucketNameResolver> names;

	private final Environment environment;

	BucketBinder(ObjectProvider<BucketStore> store, ObjectProvider<BucketNameResolver> names,
			Environment environment) {
		this.store = store;
		this.names = names;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Bucket bucket) {
			BucketStore bound = this.store.getIfAvailable();
			if (bound == null) {
				String backend = this.environment.getProperty(NitricStorageAutoConfiguration.BACKEND, "local");
				throw new IllegalStateException("No bucket store for nitric.storage.backend=" + backend
						+ ": add the SDK of that backend (software.amazon.awssdk:s3, "
						+ "com.google.cloud:google-cloud-storage or com.azure:azure-storage-blob) to the "
						+ "application's dependencies");
			}
			BucketNameResolver resolver = this.names.getIfAvailable();
			if (resolver != null) {
				resolver.physicalName(bucket.name());
			}
			bucket.bindTo(bound);
		}
		return bean;
	}

}
