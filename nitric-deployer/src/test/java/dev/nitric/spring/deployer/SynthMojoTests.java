package dev.nitric.spring.deployer;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.nitric.spring.cloud.Cloud;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The goals, run without Maven: bad input is a {@link MojoFailureException} that says what to change, and leaves
 * nothing in {@code target/nitric/<cloud>/}; {@code nitric:deploy} runs {@code terraform init} and {@code apply} in
 * each folder (a stand-in {@code terraform} records what it was asked).
 */
class SynthMojoTests {

	@TempDir
	Path target;

	@Test
	void missingManifestSaysToRunTheManifestGoalFirst() {
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> synth("").execute())
			.withMessageContaining("There is no manifest at")
			.withMessageContaining("nitric:manifest");
		assertNoCloudFolder();
	}

	@Test
	void corruptManifestSaysToRewriteIt() throws Exception {
		writeManifest("{ \"version\": 1, \"service\": ");
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> synth("").execute())
			.withMessageContaining("is not a valid Nitric manifest")
			.withMessageContaining("run 'mvn compile nitric:manifest' again");
		assertNoCloudFolder();
	}

	@Test
	void unknownCloudNamesTheChoices() throws Exception {
		writeManifest(demo());
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> synth("aws,oracle").execute())
			.withMessageContaining("Unknown cloud 'oracle'")
			.withMessageContaining("use aws, gcp or azure");
		assertNoCloudFolder();
	}

	@Test
	void bucketNameACloudRefusesIsRejected() throws Exception {
		writeManifest(demo().replace("\"name\": \"secureBucket\"", "\"name\": \"secure_bucket\""));
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> synth("").execute())
			.withMessageContaining("bucket 'secure_bucket': AWS and Azure: '_' is not allowed")
			.withMessageContaining("rename the bucket");
		assertNoCloudFolder();
	}

	@Test
	void twoHandlersClaimingOneRouteAreRejected() throws Exception {
		// POST /image of imageApi becomes GET /planets, which API main serves already.
		writeManifest(demo().replace("\"method\": \"POST\", \"path\": \"/image\"",
				"\"method\": \"GET\", \"path\": \"/planets\""));
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> synth("").execute())
			.withMessageContaining("GET /planets is claimed twice")
			.withMessageContaining("give each handler its own method and path");
		assertNoCloudFolder();
	}

	@Test
	void synthWritesEveryCloudFolder() throws Exception {
		writeManifest(demo());
		synth("").execute();
		assertThat(this.target.resolve("nitric/aws/main.tf.json")).isRegularFile();
		assertThat(this.target.resolve("nitric/gcp/openapi/main.json")).isRegularFile();
		assertThat(this.target.resolve("nitric/azure/policies/main/get-planets.xml")).isRegularFile();
	}

	@Test
	void deployRunsInitThenApplyInEachCloudFolder() throws Exception {
		writeManifest(demo());
		Path record = this.target.resolve("terraform-calls.txt");
		Path terraform = standInTerraform(record, 0);
		AbstractMojo deploy = configure(new DeployMojo(), "aws,azure");
		set(deploy, "terraformExecutable", terraform.toFile());
		set(deploy, "autoApprove", true);
		set(deploy, "varFiles", this.target.resolve("no-var-files").toFile());
		deploy.execute();
		Path aws = this.target.resolve("nitric/aws").toRealPath();
		Path azure = this.target.resolve("nitric/azure").toRealPath();
		assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).containsExactly(
				aws + "|init -input=false", aws + "|apply -input=false -auto-approve",
				azure + "|init -input=false", azure + "|apply -input=false -auto-approve");
		assertThat(this.target.resolve("nitric/gcp")).doesNotExist();
	}

	@Test
	void deployPassesTheCloudsVariableFile() throws Exception {
		writeManifest(demo());
		Path record = this.target.resolve("terraform-calls.txt");
		Path varFiles = Files.createDirectories(this.target.resolve("vars"));
		Files.writeString(varFiles.resolve("gcp.tfvars"), "backend_url = \"https://backend.example.com\"\n");
		AbstractMojo deploy = configure(new DeployMojo(), "gcp");
		set(deploy, "terraformExecutable", standInTerraform(record, 0).toFile());
		set(deploy, "varFiles", varFiles.toFile());
		deploy.execute();
		assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).last()
			.asString()
			.endsWith("|apply -input=false -var-file=" + varFiles.resolve("gcp.tfvars").toAbsolutePath());
	}

	@Test
	void failingTerraformFailsTheGoal() throws Exception {
		writeManifest(demo());
		AbstractMojo deploy = configure(new DeployMojo(), "aws");
		set(deploy, "terraformExecutable", standInTerraform(this.target.resolve("calls.txt"), 3).toFile());
		set(deploy, "varFiles", this.target.toFile());
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(deploy::execute)
			.withMessageContaining("'terraform init -input=false' failed")
			.withMessageContaining("exit code 3");
	}

	@Test
	void withoutTerraformTheMessageListsTheFilesAndTheCommands() throws Exception {
		writeManifest(demo());
		Path aws = this.target.resolve("nitric/aws");
		synth("aws").execute();
		String message = DeployMojo.DeployInstructions.withoutTerraform(Map.of(Cloud.AWS,
				aws), (cloud) -> null, false);
		assertThat(message).contains("Terraform is not on the PATH, so nothing was deployed")
			.contains("    main.tf.json")
			.contains("    openapi/main.json")
			.contains("    permissions.md")
			.contains("  cd " + aws)
			.contains("  terraform init -input=false")
			.contains("  terraform apply -input=false");
	}

	private SynthMojo synth(String cloud) throws Exception {
		return configure(new SynthMojo(), cloud);
	}

	private <T extends AbstractMojo> T configure(T mojo, String cloud) throws Exception {
		set(mojo, "manifestFile", this.target.resolve("nitric/manifest.json").toFile());
		set(mojo, "outputDirectory", this.target.resolve("nitric").toFile());
		set(mojo, "cloud", cloud);
		set(mojo, "discoveryTimeoutSeconds", 1);
		set(mojo, "jwksUris", Map.of("main.user", "https://auth.example.com/.well-known/jwks.json"));
		return mojo;
	}

	private Path standInTerraform(Path record, int exitCode) throws Exception {
		Path script = this.target.resolve("bin/terraform");
		Files.createDirectories(script.getParent());
		Files.writeString(script, "#!/bin/sh\necho \"$(pwd -P)|$*\" >> '" + record + "'\nexit " + exitCode + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		return script;
	}

	private void writeManifest(String json) throws Exception {
		Path file = this.target.resolve("nitric/manifest.json");
		Files.createDirectories(file.getParent());
		Files.writeString(file, json, StandardCharsets.UTF_8);
	}

	private static String demo() throws Exception {
		try (InputStream in = SynthMojoTests.class.getClassLoader().getResourceAsStream("manifests/demo.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private void assertNoCloudFolder() {
		for (String cloud : List.of("aws", "gcp", "azure")) {
			assertThat(this.target.resolve("nitric").resolve(cloud)).doesNotExist();
		}
		File nitric = this.target.resolve("nitric").toFile();
		if (nitric.isDirectory()) {
			try (Stream<Path> entries = Stream.of(nitric.listFiles()).map(File::toPath)) {
				assertThat(entries.map((entry) -> entry.getFileName().toString())).containsOnly("manifest.json");
			}
		}
	}

	private static void set(Object target, String name, Object value) throws Exception {
		Class<?> type = target.getClass();
		while (type != null) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				field.set(target, value);
				return;
			}
			catch (NoSuchFieldException ex) {
				type = type.getSuperclass();
			}
		}
		throw new NoSuchFieldException(name);
	}

}
