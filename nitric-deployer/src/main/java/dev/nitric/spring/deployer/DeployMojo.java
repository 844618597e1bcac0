package dev.nitric.spring.deployer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.deployer.synth.Clouds;
import dev.nitric.spring.deployer.synth.SynthesisException;
import dev.nitric.spring.deployer.synth.Terraform;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code nitric:synth}, then {@code terraform init} and {@code terraform apply} in each cloud's folder when
 * {@code terraform} is on the {@code PATH}; otherwise stops with a message listing what was written and the commands
 * to run.
 */
@Mojo(name = "deploy", threadSafe = true)
public class DeployMojo extends AbstractSynthMojo {

	/** Apply without asking for confirmation ({@code terraform apply -auto-approve}). */
	@Parameter(property = "nitric.autoApprove", defaultValue = "false")
	private boolean autoApprove;

	/** Where {@code <cloud>.tfvars} files (backend_url and the other variables) are looked for. */
	@Parameter(property = "nitric.varFiles", defaultValue = "${project.basedir}/src/main/nitric")
	private File varFiles;

	/** The Terraform executable; looked for on the {@code PATH} when not set. */
	@Parameter(property = "nitric.terraform")
	private @Nullable File terraformExecutable;

	@Override
	public void execute() throws MojoFailureException {
		if (skip()) {
			getLog().info("Skipping nitric:deploy (nitric.skip=true)");
			return;
		}
		Map<Cloud, Path> folders = synthesize();
		Optional<Path> terraform = (this.terraformExecutable != null) ? Optional.of(this.terraformExecutable.toPath())
				: Terraform.find(System.getenv("PATH"));
		if (terraform.isEmpty()) {
			throw new MojoFailureException(DeployInstructions.withoutTerraform(folders, this::varFile, this.autoApprove));
		}
		Terraform runner = new Terraform(terraform.get(), System.getenv());
		for (Map.Entry<Cloud, Path> folder : folders.entrySet()) {
			getLog().info("Applying the " + folder.getKey().displayName() + " stack in " + folder.getValue() + " with "
					+ terraform.get());
			try {
				runner.apply(folder.getValue(), varFile(folder.getKey()), this.autoApprove);
			}
			catch (SynthesisException ex) {
				throw new MojoFailureException(ex.getMessage(), ex);
			}
		}
	}

	private @Nullable Path varFile(Cloud cloud) {
		Path file = this.varFiles.toPath().resolve(Clouds.id(cloud) + ".tfvars");
		return Files.isRegularFile(file) ? file : null;
	}

	/**
	 * The message when Terraform is not on the {@code PATH}.
	 */
	static final class DeployInstructions {

		private DeployInstructions() {
		}

		static String withoutTerraform(Map<Cloud, Path> folders, Function<Cloud, @Nullable Path> varFile,
				boolean autoApprove) {
			List<String> lines = new ArrayList<>();
			lines.add("Terraform is not on the PATH, so nothing was deployed. nitric:synth wrote:");
			folders.forEach((cloud, folder) -> {
				lines.add("  " + cloud.displayName() + ": " + folder);
				try (Stream<Path> files = Files.walk(folder)) {
					files.filter(Files::isRegularFile)
						.map((file) -> folder.relativize(file).toString().replace(File.separatorChar, '/'))
						.sorted()
						.forEach((file) -> lines.add("    " + file));
				}
				catch (IOException ex) {
					lines.add("    (could not list: " + ex.getMessage() + ")");
				}
			});
			lines.add("Install Terraform (https://developer.hashicorp.com/terraform/install) and run nitric:deploy "
					+ "again, or run in each folder:");
			folders.forEach((cloud, folder) -> {
				lines.add("  cd " + folder);
				Terraform.commands(varFile.apply(cloud), autoApprove)
					.forEach((command) -> lines.add("  " + String.join(" ", command)));
			});
			return String.join("\n", lines);
		}

	}

}
