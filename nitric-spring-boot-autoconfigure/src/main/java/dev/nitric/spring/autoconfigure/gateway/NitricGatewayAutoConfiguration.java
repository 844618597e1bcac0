package dev.nitric.spring.autoconfigure.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.NitricProperties.GatewayMode;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerLocation;
import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerRegistration;
import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.autoconfigure.gateway.openapi.NitricOpenApiCustomizer;
import dev.nitric.spring.autoconfigure.gateway.security.NitricHttpSecurityCustomizer;
import dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration;
import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.BehindGateway;
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
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the gateway check in
 * a servlet web application. In emulation ({@code nitric.gateway.mode=emulate}, the default): the
 * {@link NitricGatewayFilter} in front of the application, deciding with the target cloud's {@link Gateway}; the
 * {@link DiscoveryKeyResolver} that keeps the issuers' keys warm in the background; the {@link DevelopmentIssuer}
 * under {@value DevelopmentIssuerLocation#PATH} ({@code nitric.dev-issuer.enabled}). Behind the real gateway
 * ({@code nitric.gateway.mode=behind-gateway}): the same filter deciding with the cloud's {@link BehindGateway},
 * which trusts what the gateway verified and fetches nothing; {@code nitric.cloud} must then name the cloud
 * ({@code portable} fails start-up). In both modes: a log line and a metric per decision; {@code VerifiedToken}
 * handler parameters. With springdoc on the class path, the manifest's security is documented in the OpenAPI
 * document, in either mode.
 * <p>
 * Every bean backs off when the application defines its own. The development issuer can never be active behind
 * the real gateway: asking for it there fails start-up.
 * <p>
 * Start-up cost: beans whose signatures need no optional class are declared on this class itself, with
 * method-level conditions; the others sit in nested configuration classes, one per set of classes they need, which
 * Spring finds as member classes (they are not imported a second time). Each nested configuration class costs Spring
 * a class to read, its conditions to evaluate and a bean of its own, so there are as few as the optional
 * dependencies allow.
 */
@AutoConfiguration(after = NitricManifestAutoConfiguration.class)
@EnableConfigurationProperties(NitricProperties.class)
public final class NitricGatewayAutoConfiguration {

	/** Order of the gateway filter: ahead of every filter of the application, Spring Security's included. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Create the auto-configuration, refusing the development issuer behind the real gateway (with or without a web
	 * server).
	 * @param properties the configuration
	 */
	NitricGatewayAutoConfiguration(NitricProperties properties) {
		if (properties.gateway().mode() == GatewayMode.BEHIND_GATEWAY
				&& Boolean.TRUE.equals(properties.devIssuer().enabled())) {
			throw new IllegalStateException("nitric.dev-issuer.enabled=true cannot be combined with "
					+ "nitric.gateway.mode=behind-gateway: the development issuer mints tokens for anyone and must "
					+ "never run behind a real gateway. Remove nitric.dev-issuer.enabled, or run with "
					+ "nitric.gateway.mode=emulate on a developer's machine.");
		}
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingBean
	DecisionLogger nitricGatewayDecisionLogger() {
		return new DecisionLogger();
	}

	/**
	 * A metric per decision, when Micrometer is there. Micrometer's types are not in this method's signature (only
	 * as a type argument), so the class condition can sit on the method.
	 * @param registry the meter registry, looked up on the first decision
	 * @return the decision metrics
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnMissingBean
	DecisionMetrics nitricGatewayDecisionMetrics(ObjectProvider<MeterRegistry> registry) {
		return new DecisionMetrics(registry::getIfAvailable);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	@ConditionalOnProperty(name = "nitric.gateway.mode", havingValue = "emulate", matchIfMissing = true)
	static class EmulationConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "nitric.dev-issuer.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean
		DevelopmentIssuer nitricDevelopmentIssuer(NitricProperties properties, Environment environment,
				ObjectProvider<Manifest> manifest) {
			String issuer = DevelopmentIssuerLocation.resolve(properties, environment);
			Assert.state(issuer != null, "The development issuer is configured but not active");
			return new DevelopmentIssuer(issuer, () -> audiencesOf(manifest.getObject(), issuer), Clock.systemUTC(),
					properties.devIssuer().keyFile());
		}

		@Bean
		@ConditionalOnBooleanProperty(name = "nitric.dev-issuer.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean(name = "nitricDevelopmentIssuerServlet")
		ServletRegistrationBean<?> nitricDevelopmentIssuerServlet(DevelopmentIssuer issuer) {
			return DevelopmentIssuerRegistration.servlet(issuer, DevelopmentIssuerLocation.PATH);
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

		/**
		 * The gateway: created on the first request that needs it (the filter asks for it then), or by the warm-up
		 * when there are keys to fetch.
		 * @param properties the configuration
		 * @return the gateway of {@code nitric.cloud}
		 */
		@Bean
		@Lazy
		@ConditionalOnMissingBean
		Gateway nitricGateway(NitricProperties properties) {
			return Gateways.of(properties.cloud(),
					VerifiedTokenCache.withCapacity(properties.gateway().tokenCacheSize()));
		}

		/**
		 * The issuers' keys: created on the first request that needs them, or at start-up by
		 * {@link #nitricKeyResolverWarmUp} when an issuer other than the development issuer must be fetched.
		 * @param manifest the manifest naming the issuers
		 * @param gateway the gateway, whose JWKS policy the resolver follows
		 * @param developmentIssuer the development issuer, whose keys are answered from memory
		 * @return the key resolver
		 */
		@Bean
		@Lazy
		@ConditionalOnMissingBean(KeyResolver.class)
		DiscoveryKeyResolver nitricKeyResolver(Manifest manifest, Gateway gateway,
				ObjectProvider<DevelopmentIssuer> developmentIssuer) {
			DiscoveryKeyResolver resolver = new DiscoveryKeyResolver(issuers(manifest), gateway.jwksPolicy(),
					Clock.systemUTC());
			DevelopmentIssuer issuer = developmentIssuer.getIfAvailable();
			if (issuer != null) {
				resolver.localIssuer(issuer.issuer(), issuer::keySet);
			}
			return resolver;
		}

		/**
		 * Starts fetching the keys of the issuers that are not served by this application once it is ready, so
		 * that no request waits for a fetch. With only the development issuer there is nothing to fetch, and the
		 * gateway and the key resolver are left for the first request.
		 * @param resolver the key resolver, unless the application has its own
		 * @param manifest the manifest naming the issuers
		 * @param developmentIssuer the development issuer, when it runs
		 * @return the listener
		 */
		@Bean
		ApplicationListener<ApplicationReadyEvent> nitricKeyResolverWarmUp(ObjectProvider<DiscoveryKeyResolver> resolver,
				ObjectProvider<Manifest> manifest, ObjectProvider<DevelopmentIssuer> developmentIssuer) {
			return (event) -> {
				Set<String> remote = issuers(manifest.getObject());
				DevelopmentIssuer issuer = developmentIssuer.getIfAvailable();
				if (issuer != null) {
					remote.remove(issuer.issuer());
				}
				if (!remote.isEmpty()) {
					resolver.ifAvailable(DiscoveryKeyResolver::start);
				}
			};
		}

		private static Set<String> issuers(Manifest manifest) {
			Set<String> issuers = new LinkedHashSet<>();
			for (ApiManifest api : manifest.apis()) {
				for (SecurityDefinition definition : api.securityDefinitions()) {
					if (definition.issuer() != null) {
						issuers.add(definition.issuer());
					}
				}
			}
			return issuers;
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
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	@Conditional(OnBehindGatewayCondition.class)
	static class BehindGatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BehindGateway nitricBehindGateway(NitricProperties properties) {
			if (properties.cloud() == TargetCloud.PORTABLE) {
				throw new IllegalStateException("nitric.gateway.mode=behind-gateway needs the cloud the application is "
						+ "deployed on, and nitric.cloud is 'portable': set nitric.cloud to aws, gcp or azure. Each "
						+ "cloud's gateway passes the caller to the application in its own headers, and 'portable' "
						+ "only describes the emulation of all three.");
			}
			return BehindGateway.of(properties.cloud());
		}

		@Bean
		@ConditionalOnMissingBean(name = "nitricGatewayFilter")
		FilterRegistrationBean<NitricGatewayFilter> nitricGatewayFilter(ObjectProvider<Manifest> manifest,
				BehindGateway gateway, ObjectProvider<GatewayDecisionListener> listeners) {
			NitricGatewayFilter filter = new NitricGatewayFilter(manifest::getObject,
					() -> GatewayDecisionSource.behind(gateway), () -> listeners.orderedStream().toList());
			FilterRegistrationBean<NitricGatewayFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setName("nitricGatewayFilter");
			registration.setOrder(FILTER_ORDER);
			return registration;
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = { "org.springframework.security.config.annotation.web.builders.HttpSecurity",
			"org.springframework.security.web.SecurityFilterChain" })
	static class SpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitricHttpSecurityCustomizer nitricHttpSecurityCustomizer(ObjectProvider<Manifest> manifest,
				ObjectProvider<DevelopmentIssuer> developmentIssuer) {
			return new NitricHttpSecurityCustomizer(manifest::getObject,
					(developmentIssuer.getIfAvailable() != null) ? DevelopmentIssuerLocation.PATH : null);
		}

	}

}
