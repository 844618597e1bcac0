package dev.nitric.spring.deployer.synth;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs Terraform in a synthesised folder: {@code terraform init -input=false}, then
 * {@code terraform apply -input=false} (with {@code -auto-approve} and {@code -var-file} when asked).
 *
 * @see <a href="https://developer.hashicorp.com/terraform/cli/commands/init">terraform init</a>
 * @see <a href="https://developer.hashicorp.com/terraform/cli/commands/apply">terraform apply</a>
 */
public final class Terraform {

	private final Path executable;

	private final Map<String, String> environment;

	/**
	 * Create a runner.
	 * @param executable the {@code terraform} executable
	 * @param environment the environment of the runs (that of Maven, usually)
	 */
	public Terraform(Path executable, Map<String, String> environment) {
		this.executable = executable;
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Find {@code terraform} on a search path.
	 * @param path the value of {@code PATH}, or {@code null}
	 * @return the executable, if there is one
	 */
	public static Optional<Path> find(@Nullable String path) {
		if (path == null) {
			return Optional.empty();
		}
		boolean windows = File.separatorChar == '\\';
		for (String entry : path.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			for (String name : windows ? List.of("terraform.exe", "terraform") : List.of("terraform")) {
				Path candidate = Path.of(entry, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The commands {@link #apply} runs, for messages.
	 * @param varFile a variable file, or {@code null}
	 * @param autoApprove whether to apply without asking
	 * @return the two command lines, with {@code terraform} as the executable
	 */
	public static List<List<String>> commands(@Nullable Path varFile, boolean autoApprove) {
		List<String> apply = new ArrayList<>(List.of("terraform", "apply", "-input=false"));
		if (varFile != null) {
			apply.add("-var-file=" + varFile.toAbsolutePath());
		}
		if (autoApprove) {
			apply.add("-auto-approve");
		}
		return List.of(List.of("terraform", "init", "-input=false"), apply);
	}

	/**
	 * Run {@code init} then {@code apply} in a folder, with the console attached (apply may ask for confirmation).
	 * @param folder the synthesised folder
	 * @param varFile a variable file, or {@code null}
	 * @param autoApprove whether to apply without asking
	 * @throws SynthesisException when a command fails
	 */
	public void apply(Path folder, @Nullable Path varFile, boolean autoApprove) {
		for (List<String> command : commands(varFile, autoApprove)) {
			List<String> line = new ArrayList<>(command);
			line.set(0, this.executable.toString());
			ProcessBuilder builder = new ProcessBuilder(line).directory(folder.toFile()).inheritIO();
			builder.environment().clear();
			builder.environment().putAll(this.environment);
			int exit;
			try {
				exit = builder.start().waitFor();
			}
			catch (IOException ex) {
				throw new SynthesisException("Could not run " + this.executable + ": " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SynthesisException("Interrupted while running " + String.join(" ", command), ex);
			}
			if (exit != 0) {
				throw new SynthesisException("'" + String.join(" ", command) + "' failed in " + folder + " (exit code "
						+ exit + "); its output above says why");
			}
		}
	}

}
