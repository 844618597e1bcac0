package dev.nitric.spring.deployer.synth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a cloud would refuse is refused before anything is written, with what to change.
 */
class StackTests {

	@Test
	void localIssuerIsRefused(@TempDir Path output) {
		ApiManifest api = new ApiManifest("orders",
				List.of(new SecurityDefinition("user", SecurityDefinition.Kind.JWT, "http://localhost:8080/nitric/issuer",
						List.of("orders"))),
				List.of(SecurityRequirement.of("user")), List.of(Fixtures.route("GET", "/orders")));
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> new Synthesizer(Fixtures.JWKS_URIS).write(Fixtures.manifest(List.of(api), List.of()),
					EnumSet.allOf(Cloud.class), output))
			.withMessageContaining("has issuer 'http://localhost:8080/nitric/issuer'")
			.withMessageContaining("nitric.apis.orders.security-definitions.user.issuer");
		assertThat(output).isEmptyDirectory();
	}

	@Test
	void apiNameAGatewayRefusesIsRejected() {
		ApiManifest api = Fixtures.securedApi("orders_v1", Fixtures.route("GET", "/orders"));
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> Stack.of(Fixtures.manifest(List.of(api), List.of()), EnumSet.allOf(Cloud.class)))
			.withMessageContaining("API 'orders_v1'")
			.withMessageContaining("rename the API");
	}

	@Test
	void alternativeRequirementsAreRefusedForAwsOnly() {
		SecurityRequirement[] alternatives = { SecurityRequirement.of("user", "a"), SecurityRequirement.of("user", "b") };
		Manifest manifest = Fixtures.manifest(
				List.of(Fixtures.securedApi("orders", Fixtures.route("GET", "/orders", alternatives))), List.of());
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> Stack.of(manifest, EnumSet.of(Cloud.AWS)))
			.withMessageContaining("exactly one JWT authorizer");
		assertThat(Stack.of(manifest, EnumSet.of(Cloud.GCP, Cloud.AZURE)).routes(manifest.apis().get(0))).hasSize(1);
	}

	@Test
	void bucketsThatGetOnePhysicalNameAreRejected() {
		Manifest manifest = Fixtures.manifest(List.of(),
				List.of(new BucketManifest("images", Set.of(BucketVerb.READ), List.of("a")),
						new BucketManifest("Images", Set.of(BucketVerb.READ), List.of("b"))));
		assertThatExceptionOfType(SynthesisException.class)
			.isThrownBy(() -> Stack.of(manifest, EnumSet.allOf(Cloud.class)))
			.withMessageContaining("get the same physical name images");
	}

	@Test
	void pathVariablesBecomeDeclaredParametersAndOperationIdsStayUnique() {
		ApiManifest api = Fixtures.securedApi("orders", Fixtures.route("GET", "/orders/{id}"),
				Fixtures.route("GET", "/orders/id"));
		Stack stack = Stack.of(Fixtures.manifest(List.of(api), List.of()), EnumSet.allOf(Cloud.class));
		assertThat(stack.routes(api)).extracting(Stack.Route::operationId)
			.containsExactly("get-orders-id", "get-orders-id-2");
		String aws = new AwsSynthesizer().files(stack).get("openapi/orders.json");
		assertThat(aws).contains("\"in\": \"path\"").contains("\"uri\": \"${backend_url}/orders/{id}\"");
	}

	@Test
	void keepsTerraformStateWhenTheFolderIsReplaced(@TempDir Path output) throws Exception {
		Synthesizer synthesizer = new Synthesizer(Fixtures.JWKS_URIS);
		synthesizer.write(Fixtures.demo(), EnumSet.of(Cloud.AWS), output);
		Path folder = output.resolve("aws");
		Files.writeString(folder.resolve("terraform.tfstate"), "{}");
		Files.createDirectories(folder.resolve(".terraform/providers"));
		Files.writeString(folder.resolve("stale.json"), "{}");
		synthesizer.write(Fixtures.demo(), EnumSet.of(Cloud.AWS), output);
		assertThat(folder.resolve("terraform.tfstate")).hasContent("{}");
		assertThat(folder.resolve(".terraform/providers")).isDirectory();
		assertThat(folder.resolve("stale.json")).doesNotExist();
		assertThat(folder.resolve("main.tf.json")).isRegularFile();
		try (var entries = Files.list(output)) {
			assertThat(entries.map((entry) -> entry.getFileName().toString())).containsExactly("aws");
		}
	}

}
