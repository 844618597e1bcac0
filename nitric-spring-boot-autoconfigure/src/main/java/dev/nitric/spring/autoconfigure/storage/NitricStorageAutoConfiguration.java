package dev.nitric.spring.autoconfigure.storage;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.LocalBucketStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of bucket storage: a
 * {@link BucketStore} (the embedded {@link LocalBucketStore} unless the application defines its own) and the binding
 * of every {@link Bucket} bean to it.
 */
@AutoConfiguration
@EnableConfigurationProperties(NitricProperties.class)
@Import({ NitricStorageAutoConfiguration.LocalStoreConfiguration.class,
		NitricStorageAutoConfiguration.BindingConfiguration.class })
public final class NitricStorageAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class LocalStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BucketStore nitricBucketStore(NitricProperties properties) {
			return new LocalBucketStore(properties.storage().local().root());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BindingConfiguration {

		@Bean
		static BeanPostProcessor nitricBucketBinder(ObjectProvider<BucketStore> store) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof Bucket bucket) {
						bucket.bindTo(store.getObject());
					}
					return bean;
				}

			};
		}

	}

}
