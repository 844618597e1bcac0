package dev.nitric.spring.autoconfigure.gateway;

import java.security.Principal;
import java.time.Duration;

import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuer;
import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.autoconfigure.gateway.openapi.NitricOpenApiCustomizer;
import dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration;
import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.BehindGateway;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.TestJwts;
import dev.nitric.spring.gateway.VerifiedToken;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.SecurityDefinition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
	void behindGatewayRegistersTheTrustingFilterButNoKeyResolverNorDevelopmentIssuer() {
		this.behindGatewayRunner
			.withPropertyValues("nitric.gateway.mode=behind-gateway", "nitric.cloud=gcp")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasBean("nitricGatewayFilter")
					.hasSingleBean(BehindGateway.class)
					.hasSingleBean(DecisionLogger.class)
					.hasSingleBean(DecisionMetrics.class)
					.doesNotHaveBean(KeyResolver.class)
					.doesNotHaveBean(DiscoveryKeyResolver.class)
					.doesNotHaveBean("nitricKeyResolverWarmUp")
					.doesNotHaveBean(DevelopmentIssuer.class)
					.doesNotHaveBean("nitricDevelopmentIssuerServlet")
					.doesNotHaveBean(Gateway.class);
				FilterRegistrationBean<?> filter = context.getBean("nitricGatewayFilter", FilterRegistrationBean.class);
				assertThat(filter.getFilter()).isInstanceOf(NitricGatewayFilter.class);
				assertThat(filter.getOrder()).isEqualTo(NitricGatewayAutoConfiguration.FILTER_ORDER);
				assertThat(context.getBean(BehindGateway.class).cloud()).isEqualTo(TargetCloud.GCP);
			});
	}

	@Test
	void behindGatewayIsRecognisedInEverySpellingThePropertiesAccept() {
		for (String mode : new String[] { "behind_gateway", "BEHIND_GATEWAY", "Behind-Gateway" }) {
			this.behindGatewayRunner.withPropertyValues("nitric.gateway.mode=" + mode, "nitric.cloud=aws")
				.run((context) -> assertThat(context).hasNotFailed()
					.hasSingleBean(BehindGateway.class)
					.hasBean("nitricGatewayFilter")
					.doesNotHaveBean(Gateway.class));
		}
	}

	@Test
	void behindGatewayWithThePortableCloudFailsStartupAskingForTheCloud() {
		this.behindGatewayRunner.withPropertyValues("nitric.gateway.mode=behind-gateway")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nitric.gateway.mode=behind-gateway needs the cloud the application is deployed on")
				.hasMessageContaining("set nitric.cloud to aws, gcp or azure"));
	}

	@Test
	void behindGatewayControllersSeeTheForwardedCallerAsVerifiedToken() {
		String token = TestJwts.baseline()
			.claim("iss", "https://issuer.example/")
			.claim("aud", "a")
			.claim("sub", "alice")
			.claim("scope", "planets.read")
			.build();
		String payload = TestJwts.segments(token).get(1);
		this.behindGatewayRunner.withUserConfiguration(PlanetsController.class)
			.withPropertyValues("nitric.gateway.mode=behind-gateway", "nitric.cloud=gcp")
			.run((context) -> {
				FilterRegistrationBean<?> filter = context.getBean("nitricGatewayFilter", FilterRegistrationBean.class);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(filter.getFilter()).build();
				mvc.perform(get("/planets").header("Authorization", "Bearer google-id-token")
					.header("X-Forwarded-Authorization", "Bearer " + token)
					.header("X-Apigateway-Api-Userinfo", payload))
					.andExpect(status().isOk())
					.andExpect(content().string("alice alice planets.read"));
				mvc.perform(get("/planets").header("X-Apigateway-Api-Userinfo", payload))
					.andExpect(status().isOk())
					.andExpect(content().string("alice alice planets.read"));
				mvc.perform(get("/planets").header("Authorization", "Bearer " + token))
					.andExpect(status().isUnauthorized())
					.andExpect(content().contentType("application/problem+json"))
					.andExpect(content().string(BehindGateway.PROBLEM_BODY));
				mvc.perform(get("/planets/public").header("X-Forwarded-Authorization", "Bearer " + token)
					.header("X-Apigateway-Api-Userinfo", payload))
					.andExpect(status().isOk())
					.andExpect(content().string("no token"));
			});
	}

	@Test
	void forcingTheDevelopmentIssuerBehindTheGatewayFailsStartup() {
		this.behindGatewayRunner
			.withPropertyValues("nitric.gateway.mode=behind-gateway", "nitric.cloud=aws", "nitric.dev-issuer.enabled=true")
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

	@Test
	void withOnlyTheDevelopmentIssuerTheGatewayAndKeyResolverAreCreatedByTheFirstRequestThatNeedsThem() {
		this.contextRunner.run((context) -> {
			context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
			assertThat(context.getBeanFactory().containsSingleton("nitricGateway")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("nitricKeyResolver")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("nitricDevelopmentIssuer")).isTrue();
			assertThat(context.getBean(KeyResolver.class)).isInstanceOf(DiscoveryKeyResolver.class);
			assertThat(context.getBeanFactory().containsSingleton("nitricGateway")).isTrue();
		});
	}

	@Test
	void anIssuerToFetchHasTheKeyResolverCreatedAndStartedWhenTheApplicationIsReady() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class,
					NitricGatewayAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withUserConfiguration(UnreachableIssuerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBeanFactory().containsSingleton("nitricKeyResolver")).isFalse();
				context.publishEvent(
						new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
				assertThat(context.getBeanFactory().containsSingleton("nitricKeyResolver")).isTrue();
				assertThat(context.getBean(DiscoveryKeyResolver.class).issuers())
					.containsExactly(UnreachableIssuerConfiguration.ISSUER);
			});
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

	@RestController
	@NitricApi("main")
	static class PlanetsController {

		@GetMapping("/planets")
		String planets(VerifiedToken token, Principal principal) {
			return token.getName() + " " + principal.getName() + " " + String.join(",", token.scopes());
		}

		@PublicRoute
		@GetMapping("/planets/public")
		String unsecured(@Nullable VerifiedToken token, @Nullable Principal principal) {
			return (token != null || principal != null) ? "token" : "no token";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnreachableIssuerConfiguration {

		/** An issuer whose fetch fails at once (nothing listens on the discard port). */
		static final String ISSUER = "http://127.0.0.1:9/";

		@Bean
		Api mainApi() {
			return Api.named("main")
				.securityDefinition(SecurityDefinition.jwt("user").issuer(ISSUER).audiences("a"))
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
