package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.gateway.AzureApiManagementGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file tests: the demo's manifest gives exactly the files under {@code src/test/resources/golden/<cloud>/}.
 * Run with {@code -Dnitric.updateGolden=true} to rewrite them after an intended change, then review the diff.
 */
class SynthesizerTests {

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	@ParameterizedTest
	@EnumSource(Cloud.class)
	void demoManifestGivesTheGoldenFiles(Cloud cloud) throws IOException {
		SortedMap<String, String> files = Fixtures.synthesize(Fixtures.demo()).get(cloud);
		Path golden = GOLDEN.resolve(Clouds.id(cloud));
		if (Boolean.getBoolean("nitric.updateGolden")) {
			OutputFolder.deleteTree(golden);
			for (Map.Entry<String, String> file : files.entrySet()) {
				Path target = golden.resolve(file.getKey());
				Files.createDirectories(target.getParent());
				Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
			}
		}
		assertThat(files.keySet()).containsExactlyElementsOf(relativeFiles(golden));
		for (Map.Entry<String, String> file : files.entrySet()) {
			assertThat(file.getValue()).as(file.getKey())
				.isEqualTo(Files.readString(golden.resolve(file.getKey()), StandardCharsets.UTF_8));
		}
	}

	@Test
	void twoRunsWriteByteIdenticalFolders(@TempDir Path first, @TempDir Path second) throws IOException {
		Synthesizer synthesizer = new Synthesizer(Fixtures.JWKS_URIS);
		synthesizer.write(Fixtures.everyVerb(), EnumSet.allOf(Cloud.class), first);
		synthesizer.write(Fixtures.everyVerb(), EnumSet.allOf(Cloud.class), second);
		List<String> files = relativeFiles(first);
		assertThat(files).isNotEmpty().containsExactlyElementsOf(relativeFiles(second));
		for (String file : files) {
			byte[] bytes = Files.readAllBytes(first.resolve(file));
			assertThat(bytes).as(file).isEqualTo(Files.readAllBytes(second.resolve(file)));
			assertThat(new String(bytes, StandardCharsets.UTF_8)).as(file).doesNotContain("\r").endsWith("\n");
		}
	}

	@Test
	void oneCloudWritesOnlyItsFolder(@TempDir Path output) throws IOException {
		new Synthesizer(Fixtures.JWKS_URIS).write(Fixtures.demo(), Clouds.parse("gcp"), output);
		try (Stream<Path> entries = Files.list(output)) {
			assertThat(entries.map((entry) -> entry.getFileName().toString())).containsExactly("gcp");
		}
	}

	@Test
	void everyCloudExportsTheBucketEnvironmentVariable() {
		Fixtures.synthesize(Fixtures.demo())
			.forEach((cloud, files) -> assertThat(files.get("main.tf.json")).as(cloud.name())
				.contains("\"NITRIC_BUCKET_SECUREBUCKET\": \"${")
				.contains("\"bucket_secureBucket\"")
				.contains("securebucket-${random_id.suffix.hex}")
				.contains("\"byte_length\": " + Stack.SUFFIX_BYTES)
				.contains("\"backend_url\""));
	}

	@Test
	void azurePolicyIsBuiltFromTheEmulatorsDescription() {
		String policy = Fixtures.synthesize(Fixtures.demo())
			.get(Cloud.AZURE)
			.get("policies/main/post-planets-unsecured-planet.xml");
		assertThat(policy).contains("require-scheme=\"" + AzureApiManagementGateway.REQUIRED_SCHEME)
			.contains("clock-skew=\"" + AzureApiManagementGateway.CLOCK_SKEW_SECONDS + "\"")
			.contains("failed-validation-httpcode=\""
					+ AzureApiManagementGateway.FAILED_VALIDATION_STATUS + "\"")
			.contains(AzureApiManagementGateway.FORBIDDEN_BODY)
			.contains("<set-status code=\"403\"")
			// Nitric joins issuer and path without a separator: ours has exactly one slash.
			.contains("<openid-config url=\"https://auth.example.com/.well-known/openid-configuration\" />");
		assertThat(policy.indexOf("exists-action=\"delete\"")).isLessThan(policy.indexOf("<validate-jwt"));
		assertThat(policy.indexOf("</validate-jwt>")).isLessThan(policy.indexOf("exists-action=\"override\">"));
	}

	@Test
	void gcpAlwaysSetsAudiencesAndSaysTheAppEnforcesScopes() {
		Map<String, String> files = Fixtures.synthesize(Fixtures.demo()).get(Cloud.GCP);
		assertThat(files.get("openapi/main.json")).contains("\"x-google-audiences\": \"https://test-security-definition/\"")
			.contains("\"path_translation\": \"APPEND_PATH_TO_ADDRESS\"")
			.contains(GcpSynthesizer.SCOPES_NOTE);
		assertThat(files.get("permissions.md")).contains(GcpSynthesizer.SCOPES_NOTE)
			.contains("`storage.objects.delete`: Cloud Storage needs it to overwrite");
	}

	static List<String> relativeFiles(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(Files::isRegularFile)
				.map((path) -> root.relativize(path).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
	}

}
