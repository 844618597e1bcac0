package dev.nitric.spring.autoconfigure.manifest;

import java.util.Map;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerLocation;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestAssembler;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.storage.Bucket;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Nitric manifest:
 * collects every {@link Api} and {@link Bucket} bean and every Spring MVC handler attached to an API, checks them
 * against every cloud's rules (a start-up failure names each problem and its fix) and exposes the {@link Manifest}
 * as a bean and on the actuator endpoint {@code nitric}.
 * <p>
 * Not conditional on a web server, so that the deployer can collect the manifest without starting one.
 */
@AutoConfiguration
@EnableConfigurationProperties(NitricProperties.class)
@Import({ NitricManifestAutoConfiguration.ManifestConfiguration.class,
		NitricManifestAutoConfiguration.MvcRoutesConfiguration.class,
		NitricManifestAutoConfiguration.EndpointConfiguration.class })
public final class NitricManifestAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class ManifestConfiguration {

		@Bean
		@Lazy(false)
		@ConditionalOnMissingBean
		Manifest nitricManifest(ListableBeanFactory beanFactory, NitricProperties properties, Environment environment,
				ObjectProvider<RouteDeclarations> routeDeclarations) {
			ManifestAssembler assembler = ManifestAssembler.forService(serviceName(properties, environment))
				.developmentIssuer(DevelopmentIssuerLocation.resolve(properties, environment))
				.clouds(properties.cloud().clouds());
			Map<String, Api> apis = beanFactory.getBeansOfType(Api.class);
			apis.forEach(assembler::api);
			Map<String, Bucket> buckets = beanFactory.getBeansOfType(Bucket.class);
			buckets.forEach((beanName, bucket) -> assembler.bucket(beanName, bucket.name(), bucket.verbs()));
			routeDeclarations.orderedStream().forEach((source) -> source.routes().forEach(assembler::route));
			properties.apis()
				.forEach((api, apiProperties) -> apiProperties.securityDefinitions()
					.forEach((definition, definitionProperties) -> assembler.override(api, definition,
							definitionProperties.issuer(), definitionProperties.audiences())));
			return assembler.assemble();
		}

		private static String serviceName(NitricProperties properties, Environment environment) {
			String name = properties.serviceName();
			if (name == null || name.isBlank()) {
				name = environment.getProperty("spring.application.name", "application");
			}
			return name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestMappingInfoHandlerMapping.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class MvcRoutesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RouteDeclarations nitricRouteDeclarations(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
			return () -> new MvcRouteDeclarations(mappings.orderedStream().toList()).routes();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(NitricManifestEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitricManifestEndpoint nitricManifestEndpoint(ObjectProvider<Manifest> manifest) {
			return new NitricManifestEndpoint(manifest::getObject);
		}

	}

}
