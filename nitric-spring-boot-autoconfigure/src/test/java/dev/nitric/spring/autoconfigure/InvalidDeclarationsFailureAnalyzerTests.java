package dev.nitric.spring.autoconfigure;

import dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.storage.Bucket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidDeclarationsFailureAnalyzer}: each start-up failure of invalid declarations is explained
 * with the bean or handler concerned and the fix.
 */
class InvalidDeclarationsFailureAnalyzerTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitricManifestAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@Test
	void analyzeWhenRouteUsesUnknownSecurityDefinitionThenNamesHandlerAndDeclaredDefinitions() {
		FailureAnalysis analysis = analyze(UnknownDefinition.class);
		assertThat(analysis.getDescription()).contains(UnknownDefinition.Controller.class.getName() + "#create")
			.contains("unknown security definition 'admin'");
		assertThat(analysis.getAction()).contains("[user]");
	}

	@Test
	void analyzeWhenTwoApisClaimOneMethodAndPathThenNamesBothApis() {
		FailureAnalysis analysis = analyze(DuplicateRoute.class);
		assertThat(analysis.getDescription()).contains("maps GET /things/{")
			.contains("for API 'second'")
			.contains("already routed to API 'first'");
		assertThat(analysis.getAction()).contains("give each method and path to one API only");
	}

	@Test
	void analyzeWhenBucketNameIsRefusedByACloudThenNamesBeanAndClouds() {
		FailureAnalysis analysis = analyze(InvalidBucket.class);
		assertThat(analysis.getDescription()).contains("bucket 'user_uploads' (bean userUploads)")
			.contains("AWS and Azure: '_' is not allowed");
		assertThat(analysis.getAction()).contains("rename it");
	}

	@Test
	void analyzeWhenDefinitionHasNoIssuerThenNamesDefinitionAndProperty() {
		FailureAnalysis analysis = analyze(MissingIssuer.class);
		assertThat(analysis.getDescription()).contains("security definition 'user' of API 'orders' (bean 'ordersApi')")
			.contains("has no issuer");
		assertThat(analysis.getAction()).contains("nitric.apis.orders.security-definitions.user.issuer");
	}

	@Test
	void analyzeWhenRouteHasScopesOnAnApiWithoutDefinitionsThenSaysToDeclareOne() {
		FailureAnalysis analysis = analyze(ScopesWithoutDefinitions.class);
		assertThat(analysis.getDescription())
			.contains(ScopesWithoutDefinitions.Controller.class.getName() + "#create")
			.contains("with scopes [things.write]")
			.contains("API 'things' has no security definitions");
		assertThat(analysis.getAction()).contains("SecurityDefinition.jwt(\"user\")");
	}

	@Test
	void analyzeWhenSeveralProblemsThenListsEveryOne() {
		FailureAnalysis analysis = analyze(InvalidBucket.class, MissingIssuer.class);
		assertThat(analysis.getDescription()).startsWith("Nitric found 2 declarations")
			.contains("user_uploads")
			.contains("has no issuer");
	}

	private FailureAnalysis analyze(Class<?>... configurations) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withUserConfiguration(configurations).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidDeclarationsFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownDefinition {

		@Bean
		Api ordersApi() {
			return Api.named("orders")
				.securityDefinition(SecurityDefinition.jwt("user").issuer("https://auth.example.com/").audiences("a"));
		}

		@RestController
		@NitricApi("orders")
		static class Controller {

			@RouteSecurity(definition = "admin")
			@PostMapping("/orders")
			String create() {
				return "";
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateRoute {

		@Bean
		Api first() {
			return Api.named("first");
		}

		@Bean
		Api second() {
			return Api.named("second");
		}

		@RestController
		@NitricApi("first")
		static class FirstController {

			@GetMapping("/things/{id}")
			String get() {
				return "";
			}

		}

		@RestController
		@NitricApi("second")
		static class SecondController {

			@GetMapping("/things/{name}")
			String get() {
				return "";
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidBucket {

		@Bean
		Bucket userUploads() {
			return Bucket.named("user_uploads").allow(BucketVerb.WRITE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingIssuer {

		@Bean
		Api ordersApi() {
			return Api.named("orders").securityDefinition(SecurityDefinition.jwt("user").audiences("orders")).security("user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopesWithoutDefinitions {

		@Bean
		Api thingsApi() {
			return Api.named("things");
		}

		@RestController
		@NitricApi("things")
		static class Controller {

			@RouteSecurity(definition = "user", scopes = "things.write")
			@PostMapping("/things")
			String create() {
				return "";
			}

		}

	}

}
