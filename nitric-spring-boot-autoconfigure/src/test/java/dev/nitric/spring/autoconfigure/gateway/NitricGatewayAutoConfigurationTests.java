package dev.nitric.spring.autoconfigure.gateway;

import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer;
import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.autoconfigure.gateway.openapi.NitricOpenApiCustomizer;
import dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration;
import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.SecurityDefinition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NitricGatewayAutoConfiguration}.
 */
class NitricGatewayAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class,
				NitricGatewayAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withUserConfiguration(ApiConfiguration.class);

	private final WebApplicationContextRunner behindGatewayRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class,
				NitricGatewayAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withUserConfiguration(ExternalIssuerConfiguration.class);

	@Test
	void emulationIsTheDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Gateway.class)
				.hasSingleBean(DiscoveryKeyResolver.class)
				.hasSingleBean(DevelopmentIssuer.class)
				.hasSingleBean(DecisionLogger.class)
				.hasSingleBean(DecisionMetrics.class)
				.hasSingleBean(NitricOpenApiCustomizer.class)
				.hasBean("nitricGatewayFilter")
				.hasBean("nitricDevelopmentIssuerServlet");
			FilterRegistrationBean<?> filter = context.getBean("nitricGatewayFilter", FilterRegistrationBean.class);
			assertThat(filter.getFilter()).isInstanceOf(NitricGatewayFilter.class);
			assertThat(filter.getOrder()).isEqualTo(NitricGatewayAutoConfiguration.FILTER_ORDER);
			assertThat(context.getBean(Gateway.class).cloud()).isEqualTo(TargetCloud.PORTABLE);
		});
	}

	@Test
	void developmentIssuerIsTheIssuerTheManifestResolvesAndItsKeysAreLocal() {
		this.contextRunner.withPropertyValues("server.port=9090").run((context) -> {
			DevelopmentIssuer issuer = context.getBean(DevelopmentIssuer.class);
			assertThat(issuer.issuer()).isEqualTo(context.getBean(dev.nitric.spring.manifest.Manifest.class)
				.api("main")
				.orElseThrow()
				.securityDefinition("user")
				.orElseThrow()
				.issuer());
			assertThat(issuer.defaultAudience()).hasValue("https://planets/");
			assertThat(context.getBean(DiscoveryKeyResolver.class).issuers()).isEmpty();
		});
	}

	@Test
	void behindGatewayRegistersNeitherFilterNorDevelopmentIssuer() {
		this.behindGatewayRunner
			.withPropertyValues("nitric.gateway.mode=behind-gateway")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("nitricGatewayFilter")
				.doesNotHaveBean(DevelopmentIssuer.class)
				.doesNotHaveBean("nitricDevelopmentIssuerServlet")
				.doesNotHaveBean(Gateway.class));
	}

	@Test
	void forcingTheDevelopmentIssuerBehindTheGatewayFailsStartup() {
		this.behindGatewayRunner
			.withPropertyValues("nitric.gateway.mode=behind-gateway", "nitric.dev-issuer.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nitric.dev-issuer.enabled=true cannot be combined with "
						+ "nitric.gateway.mode=behind-gateway"));
	}

	@Test
	void forcingTheDevelopmentIssuerBehindTheGatewayFailsStartupWithoutAWebServerToo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class,
					NitricGatewayAutoConfiguration.class))
			.withPropertyValues("nitric.gateway.mode=behind_gateway", "nitric.dev-issuer.enabled=true")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void developmentIssuerCanBeSwitchedOffWhenNoApiUsesIt() {
		this.behindGatewayRunner.withPropertyValues("nitric.dev-issuer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DevelopmentIssuer.class).hasBean("nitricGatewayFilter"));
	}

	@Test
	void switchingTheDevelopmentIssuerOffFailsStartupWhenAnApiUsesIt() {
		this.contextRunner.withPropertyValues("nitric.dev-issuer.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nitric.dev-issuer.enabled=false"));
	}

	@Test
	void applicationGatewayReplacesTheDefault() {
		this.contextRunner.withBean(Gateway.class, () -> new RecordingGateway((route) -> Decision.allow(TargetCloud.AWS,
				"public-route", null)))
			.run((context) -> assertThat(context.getBean(Gateway.class)).isInstanceOf(RecordingGateway.class));
	}

	@Test
	void withoutAWebApplicationThereIsNoFilter() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class,
					NitricGatewayAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("nitricGatewayFilter")
				.doesNotHaveBean(DevelopmentIssuer.class));
	}

	@Test
	void withoutSpringdocOrMicrometerTheirBeansBackOff() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springdoc", "io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NitricOpenApiCustomizer.class)
				.doesNotHaveBean(DecisionMetrics.class)
				.hasBean("nitricGatewayFilter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApiConfiguration {

		@Bean
		Api mainApi() {
			return Api.named("main")
				.securityDefinition(SecurityDefinition.jwt("user").developmentIssuer().audiences("https://planets/"))
				.security("user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExternalIssuerConfiguration {

		@Bean
		Api mainApi() {
			return Api.named("main")
				.securityDefinition(SecurityDefinition.jwt("user").issuer("https://issuer.example/").audiences("a"))
				.security("user");
		}

	}

}
