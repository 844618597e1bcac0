package dev.nitric.spring.autoconfigure.manifest;

import java.util.List;

import dev.nitric.spring.autoconfigure.gateway.devissuer.DevelopmentIssuerLocation;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import dev.nitric.spring.storage.Bucket;
import dev.nitric.spring.test.ManifestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link NitricManifestAutoConfiguration}.
 */
class NitricManifestAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders-service");

	@Test
	void manifestCollectsApisRoutesAndBucketsFromBeansAndHandlers() {
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class).run((context) -> {
			Manifest manifest = context.getBean(Manifest.class);
			assertThat(manifest.service()).isEqualTo("orders-service");
			ApiManifest orders = manifest.api("orders").orElseThrow();
			assertThat(orders.securityDefinitions()).singleElement()
				.satisfies((definition) -> assertThat(definition.issuer()).isEqualTo("https://auth.example.com/"));
			assertThat(orders.routes()).extracting(RouteManifest::method, RouteManifest::path, RouteManifest::securitySource)
				.containsExactly(tuple("GET", "/orders", SecuritySource.API),
						tuple("POST", "/orders", SecuritySource.ROUTE),
						tuple("GET", "/orders/health", SecuritySource.ROUTE));
			assertThat(orders.routes().get(1).security())
				.containsExactly(SecurityRequirement.of("user", "orders.write", "orders.admin"));
			assertThat(orders.routes().get(2).isPublic()).isTrue();
			assertThat(manifest.bucket("receipts").orElseThrow().verbs()).containsOnly(BucketVerb.READ, BucketVerb.WRITE);
			assertThat(manifest.bucket("receipts").orElseThrow().declaredBy()).containsExactly("receiptReader",
					"receiptWriter");
			assertThat(ManifestSchema.violations(ManifestJson.write(manifest))).isEmpty();
		});
	}

	@Test
	void manifestIgnoresHandlersThatAreNotAttachedToAnApi() {
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class, UnrelatedController.class)
			.run((context) -> assertThat(context.getBean(Manifest.class).apis())
				.flatExtracting(ApiManifest::routes)
				.extracting(RouteManifest::handler)
				.noneMatch((handler) -> handler.contains("UnrelatedController")));
	}

	@Test
	void manifestUsesClassLevelRequestMappingPrefix() {
		this.contextRunner.withUserConfiguration(PrefixedConfiguration.class)
			.run((context) -> assertThat(context.getBean(Manifest.class).api("admin").orElseThrow().routes())
				.extracting(RouteManifest::path)
				.containsExactly("/admin/users"));
	}

	@Test
	void propertiesReplaceIssuerAndAudiencesDeclaredInCode() {
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class)
			.withPropertyValues("nitric.apis.orders.security-definitions.user.issuer=https://other.example.com",
					"nitric.apis.orders.security-definitions.user.audiences=a,b")
			.run((context) -> {
				SecurityDefinition user = context.getBean(Manifest.class)
					.api("orders")
					.orElseThrow()
					.securityDefinition("user")
					.orElseThrow();
				assertThat(user.issuer()).isEqualTo("https://other.example.com");
				assertThat(user.audiences()).containsExactly("a", "b");
			});
	}

	@Test
	void developmentIssuerResolvesToTheApplicationsOwnIssuerInEmulationMode() {
		this.contextRunner.withUserConfiguration(DevelopmentIssuerConfiguration.class)
			.withPropertyValues("server.port=9090")
			.run((context) -> assertThat(context.getBean(Manifest.class)
				.api("main")
				.orElseThrow()
				.securityDefinition("user")
				.orElseThrow()
				.issuer()).isEqualTo("http://localhost:9090" + DevelopmentIssuerLocation.PATH));
	}

	@Test
	void developmentIssuerFailsStartupBehindTheGatewayUnlessAnIssuerIsConfigured() {
		this.contextRunner.withUserConfiguration(DevelopmentIssuerConfiguration.class)
			.withPropertyValues("nitric.gateway.mode=behind-gateway")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nitric.apis.main.security-definitions.user.issuer"));
		this.contextRunner.withUserConfiguration(DevelopmentIssuerConfiguration.class)
			.withPropertyValues("nitric.gateway.mode=behind-gateway",
					"nitric.apis.main.security-definitions.user.issuer=https://auth.example.com/")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void developmentIssuerFailsStartupWhenSwitchedOff() {
		this.contextRunner.withUserConfiguration(DevelopmentIssuerConfiguration.class)
			.withPropertyValues("nitric.dev-issuer.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("uses the development issuer, which does not run"));
	}

	@Test
	void manifestBacksOffWhenTheApplicationDefinesOne() {
		Manifest own = new Manifest(Manifest.VERSION, "own", List.of(), List.of());
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class)
			.withBean(Manifest.class, () -> own)
			.run((context) -> assertThat(context).getBean(Manifest.class).isSameAs(own));
	}

	@Test
	void manifestIsCollectedWithoutAWebApplicationButHasNoRoutes() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class))
			.withUserConfiguration(OrdersConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RouteDeclarations.class);
				Manifest manifest = context.getBean(Manifest.class);
				assertThat(manifest.api("orders").orElseThrow().routes()).isEmpty();
				assertThat(manifest.bucket("receipts")).isPresent();
			});
	}

	@Test
	void manifestIsCollectedWithoutSpringMvcOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class))
			.withUserConfiguration(BucketsOnly.class)
			.run((context) -> assertThat(context.getBean(Manifest.class).buckets()).hasSize(1));
	}

	@Test
	void endpointServesTheManifestJsonWhenExposed() {
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=nitric")
			.run((context) -> assertThat(context.getBean(NitricManifestEndpoint.class).manifest())
				.isEqualTo(ManifestJson.write(context.getBean(Manifest.class))));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.withUserConfiguration(OrdersConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(NitricManifestEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersConfiguration {

		@Bean
		Api ordersApi() {
			return Api.named("orders")
				.securityDefinition(
						SecurityDefinition.jwt("user").issuer("https://auth.example.com/").audiences("orders-api"))
				.security("user");
		}

		@Bean
		Bucket receiptWriter() {
			return Bucket.named("receipts").allow(BucketVerb.WRITE);
		}

		@Bean
		Bucket receiptReader() {
			return Bucket.named("receipts").allow(BucketVerb.READ);
		}

		@Bean
		OrdersController ordersController() {
			return new OrdersController();
		}

	}

	@RestController
	@NitricApi("orders")
	static class OrdersController {

		@GetMapping("/orders")
		String list() {
			return "[]";
		}

		@RouteSecurity(definition = "user", scopes = { "orders.write", "orders.admin" })
		@PostMapping("/orders")
		String create() {
			return "{}";
		}

		@PublicRoute
		@GetMapping("/orders/health")
		String health() {
			return "ok";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnrelatedController {

		// Nested controllers of a configuration class are registered with it.

		@RestController
		static class Unrelated {

			@GetMapping("/unrelated")
			String get() {
				return "";
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrefixedConfiguration {

		@Bean
		Api adminApi() {
			return Api.named("admin");
		}

		@RestController
		@RequestMapping("/admin")
		static class AdminController {

			@NitricApi("admin")
			@GetMapping("/users")
			String users() {
				return "[]";
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DevelopmentIssuerConfiguration {

		@Bean
		Api mainApi() {
			return Api.named("main")
				.securityDefinition(SecurityDefinition.jwt("user").developmentIssuer().audiences("planets"))
				.security("user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BucketsOnly {

		@Bean
		Bucket images() {
			return Bucket.named("images").allow(BucketVerb.READ);
		}

	}

}
