package dev.nitric.spring.autoconfigure.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.NitricProperties.GatewayMode;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerRegistration;
import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.autoconfigure.gateway.openapi.NitricOpenApiCustomizer;
import dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.Gateways;
import dev.nitric.spring.gateway.VerifiedTokenCache;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.model.SecurityDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the gateway
 * emulation ({@code nitric.gateway.mode=emulate}, the default, in a servlet web application): the
 * {@link NitricGatewayFilter} in front of the application, deciding with the target cloud's {@link Gateway}; the
 * {@link DiscoveryKeyResolver} that keeps the issuers' keys warm in the background; the {@link DevelopmentIssuer}
 * under {@value NitricManifestAutoConfiguration#DEVELOPMENT_ISSUER_PATH} ({@code nitric.dev-issuer.enabled}); a
 * log line and a metric per decision; {@code VerifiedToken} handler parameters. With springdoc on the class path,
 * the manifest's security is documented in the OpenAPI document, in either mode.
 * <p>
 * Every bean backs off when the application defines its own. The development issuer can never be active behind
 * the real gateway: asking for it there fails start-up.
 */
@AutoConfiguration(after = NitricManifestAutoConfiguration.class)
@EnableConfigurationProperties(NitricProperties.class)
@Import({ NitricGatewayAutoConfiguration.DevelopmentIssuerGuardConfiguration.class,
		NitricGatewayAutoConfiguration.DevelopmentIssuerConfiguration.class,
		NitricGatewayAutoConfiguration.EmulationConfiguration.class,
		NitricGatewayAutoConfiguration.MetricsConfiguration.class,
		NitricGatewayAutoConfiguration.WebMvcConfiguration.class,
		NitricGatewayAutoConfiguration.OpenApiConfiguration.class })
public final class NitricGatewayAutoConfiguration {

	/** Order of the gateway filter: ahead of every filter of the application, Spring Security's included. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Configuration(proxyBeanMethods = false)
	static class DevelopmentIssuerGuardConfiguration {

		@Bean
		SmartInitializingSingleton nitricDevelopmentIssuerGuard(NitricProperties properties) {
			if (properties.gateway().mode() == GatewayMode.BEHIND_GATEWAY
					&& Boolean.TRUE.equals(properties.devIssuer().enabled())) {
				throw new IllegalStateException("nitric.dev-issuer.enabled=true cannot be combined with "
						+ "nitric.gateway.mode=behind-gateway: the development issuer mints tokens for anyone and must "
						+ "never run behind a real gateway. Remove nitric.dev-issuer.enabled, or run with "
						+ "nitric.gateway.mode=emulate on a developer's machine.");
			}
			return () -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	@ConditionalOnProperty(name = "nitric.gateway.mode", havingValue = "emulate", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "nitric.dev-issuer.enabled", matchIfMissing = true)
	static class DevelopmentIssuerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DevelopmentIssuer nitricDevelopmentIssuer(Environment environment, ObjectProvider<Manifest> manifest) {
			String issuer = developmentIssuerUrl(environment);
			return new DevelopmentIssuer(issuer, () -> audiencesOf(manifest.getObject(), issuer), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean(name = "nitricDevelopmentIssuerServlet")
		ServletRegistrationBean<?> nitricDevelopmentIssuerServlet(DevelopmentIssuer issuer) {
			return DevelopmentIssuerRegistration.servlet(issuer,
					NitricManifestAutoConfiguration.DEVELOPMENT_ISSUER_PATH);
		}

		/** The same URL the manifest resolves the development issuer to; see NitricManifestAutoConfiguration. */
		private static String developmentIssuerUrl(Environment environment) {
			Integer port = environment.getProperty("server.port", Integer.class, 8080);
			return "http://localhost:" + ((port > 0) ? port : 8080)
					+ NitricManifestAutoConfiguration.DEVELOPMENT_ISSUER_PATH;
		}

		private static List<String> audiencesOf(Manifest manifest, String issuer) {
			List<String> audiences = new ArrayList<>();
			for (ApiManifest api : manifest.apis()) {
				for (SecurityDefinition definition : api.securityDefinitions()) {
					if (issuer.equals(definition.issuer())) {
						audiences.addAll(definition.audiences());
					}
				}
			}
			return audiences;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	@ConditionalOnProperty(name = "nitric.gateway.mode", havingValue = "emulate", matchIfMissing = true)
	static class EmulationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Gateway nitricGateway(NitricProperties properties) {
			return Gateways.of(properties.cloud(),
					VerifiedTokenCache.withCapacity(properties.gateway().tokenCacheSize()));
		}

		@Bean
		@ConditionalOnMissingBean(KeyResolver.class)
		DiscoveryKeyResolver nitricKeyResolver(Manifest manifest, Gateway gateway,
				ObjectProvider<DevelopmentIssuer> developmentIssuer) {
			Set<String> issuers = new LinkedHashSet<>();
			manifest.apis()
				.forEach((api) -> api.securityDefinitions().forEach((definition) -> {
					if (definition.issuer() != null) {
						issuers.add(definition.issuer());
					}
				}));
			DiscoveryKeyResolver resolver = new DiscoveryKeyResolver(issuers, gateway.jwksPolicy(), Clock.systemUTC());
			developmentIssuer.ifAvailable((issuer) -> resolver.localIssuer(issuer.issuer(), issuer::keySet));
			return resolver;
		}

		@Bean
		ApplicationListener<ApplicationReadyEvent> nitricKeyResolverWarmUp(ObjectProvider<DiscoveryKeyResolver> resolver) {
			return (event) -> resolver.ifAvailable(DiscoveryKeyResolver::start);
		}

		@Bean
		@ConditionalOnMissingBean
		DecisionLogger nitricGatewayDecisionLogger() {
			return new DecisionLogger();
		}

		@Bean
		@ConditionalOnMissingBean(name = "nitricGatewayFilter")
		FilterRegistrationBean<NitricGatewayFilter> nitricGatewayFilter(ObjectProvider<Manifest> manifest,
				ObjectProvider<Gateway> gateway, ObjectProvider<KeyResolver> keys,
				ObjectProvider<GatewayDecisionListener> listeners) {
			NitricGatewayFilter filter = new NitricGatewayFilter(manifest::getObject, gateway::getObject,
					keys::getObject, () -> listeners.orderedStream().toList(), Clock.systemUTC());
			FilterRegistrationBean<NitricGatewayFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setName("nitricGatewayFilter");
			registration.setOrder(FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnProperty(name = "nitric.gateway.mode", havingValue = "emulate", matchIfMissing = true)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DecisionMetrics nitricGatewayDecisionMetrics(ObjectProvider<MeterRegistry> registry) {
			return new DecisionMetrics(registry::getIfAvailable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class WebMvcConfiguration {

		@Bean
		WebMvcConfigurer nitricVerifiedTokenWebMvcConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new VerifiedTokenArgumentResolver());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
	@ConditionalOnBooleanProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
	static class OpenApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitricOpenApiCustomizer nitricOpenApiCustomizer(ObjectProvider<Manifest> manifest) {
			return new NitricOpenApiCustomizer(manifest::getObject);
		}

	}

}
