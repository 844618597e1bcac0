package dev.nitric.spring.autoconfigure.manifest;

import java.util.Map;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerLocation;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestAssembler;
import dev.nitric.spring.manifest.RouteDeclaration;
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
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Nitric manifest:
 * collects every {@link Api} and {@link Bucket} bean and every Spring MVC handler attached to an API, checks them
 * against every cloud's rules (a start-up failure names each problem and its fix) and exposes the {@link Manifest}
 * as a bean and on the actuator endpoint {@code nitric}.
 * <p>
 * Not conditional on a web server, so that the deployer can collect the manifest without starting one.
 * <p>
 * Start-up cost: the beans are declared on this class itself, with method-level conditions, rather than in nested
 * configuration classes, each of which costs Spring a class to read, conditions to evaluate and a bean of its own;
 * only the actuator endpoint, whose condition annotation lives in an optional module, keeps a nested class (found as
 * a member class, not imported a second time).
 */
@AutoConfiguration
@EnableConfigurationProperties(NitricProperties.class)
public final class NitricManifestAutoConfiguration {

	@Bean
	@Lazy(false)
	@ConditionalOnMissingBean
	Manifest nitricManifest(ListableBeanFactory beanFactory, NitricProperties properties, Environment environment,
			ObjectProvider<RouteDeclarations> routeDeclarations) {
		ManifestAssembler assembler = ManifestAssembler.forService(serviceName(properties, environment))
			.developmentIssuer(DevelopmentIssuerLocation.resolve(properties, environment))
			.clouds(properties.cloud().clouds());
		for (Map.Entry<String, Api> api : beanFactory.getBeansOfType(Api.class).entrySet()) {
			assembler.api(api.getKey(), api.getValue());
		}
		for (Map.Entry<String, Bucket> bucket : beanFactory.getBeansOfType(Bucket.class).entrySet()) {
			assembler.bucket(bucket.getKey(), bucket.getValue().name(), bucket.getValue().verbs());
		}
		for (RouteDeclarations source : routeDeclarations.orderedStream().toList()) {
			for (RouteDeclaration route : source.routes()) {
				assembler.route(route);
			}
		}
		for (Map.Entry<String, NitricProperties.ApiProperties> api : properties.apis().entrySet()) {
			for (Map.Entry<String, NitricProperties.SecurityDefinitionProperties> definition : api.getValue()
				.securityDefinitions()
				.entrySet()) {
				assembler.override(api.getKey(), definition.getKey(), definition.getValue().issuer(),
						definition.getValue().audiences());
			}
		}
		return assembler.assemble();
	}

	private static String serviceName(NitricProperties properties, Environment environment) {
		String name = properties.serviceName();
		if (name == null || name.isBlank()) {
			name = environment.getProperty("spring.application.name", "application");
		}
		return name;
	}

	/**
	 * The routes of a servlet web application's Spring MVC handlers. Spring MVC's types appear only inside the
	 * method (never in its signature), so the class conditions can sit on the method.
	 * @param beanFactory the bean factory holding Spring MVC's handler mappings, read when the manifest is assembled
	 * @return the route declarations
	 */
	@Bean
	@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingBean
	RouteDeclarations nitricRouteDeclarations(ListableBeanFactory beanFactory) {
		return () -> MvcRouteDeclarations.of(beanFactory).routes();
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
