package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.nitric.spring.cloud.Cloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every generated OpenAPI 3 / Swagger 2.0 document passes the strict npm validator
 * {@code @apidevtools/swagger-parser} (the Java parser is too lenient), installed by the build into
 * {@code target/validator} with {@code npm ci}.
 */
class OpenApiValidationTests {

	private static final Path VALIDATOR = Path.of("target/validator/validate.mjs");

	@Test
	void everyGeneratedDocumentIsValid(@TempDir Path output) throws Exception {
		new Synthesizer(Fixtures.JWKS_URIS).write(Fixtures.everyVerb(), EnumSet.allOf(Cloud.class), output);
		List<String> documents = new ArrayList<>();
		for (Cloud cloud : Cloud.values()) {
			Path folder = output.resolve(Clouds.id(cloud)).resolve("openapi");
			SynthesizerTests.relativeFiles(folder).forEach((file) -> documents.add(folder.resolve(file).toString()));
		}
		assertThat(documents).hasSize(6);
		Result result = validate(documents);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output().lines().filter((line) -> line.startsWith("OK "))).hasSize(6);
	}

	@Test
	void validatorRejectsWhatTheJavaParserLetsThrough(@TempDir Path folder) throws Exception {
		String gcp = new Synthesizer(Fixtures.JWKS_URIS).synthesize(Fixtures.demo(), EnumSet.of(Cloud.GCP))
			.get(Cloud.GCP)
			.get("openapi/main.json");
		Path broken = folder.resolve("broken.json");
		Files.writeString(broken, gcp.replace("\"flow\": \"implicit\"", "\"flow\": \"bogus\""), StandardCharsets.UTF_8);
		Result result = validate(List.of(broken.toString()));
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).startsWith("INVALID ");
	}

	private static Result validate(List<String> files) throws IOException, InterruptedException {
		assertThat(VALIDATOR).as("the validator is installed by the build (npm ci in target/validator): run the tests "
				+ "through Maven").isRegularFile();
		assertThat(VALIDATOR.resolveSibling("node_modules/@apidevtools/swagger-parser")).isDirectory();
		List<String> command = new ArrayList<>(List.of("node", VALIDATOR.toAbsolutePath().toString()));
		command.addAll(files);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
