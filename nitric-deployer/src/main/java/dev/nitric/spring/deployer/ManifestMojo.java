package dev.nitric.spring.deployer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Writes the application's Nitric manifest to {@code target/nitric/manifest.json}. Forks a JVM on the project's
 * runtime class path that runs the application's main class until its context is ready, without opening an HTTP
 * port, as {@code spring-boot:process-aot} does.
 */
@Mojo(name = "manifest", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true,
		requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ManifestMojo extends AbstractMojo {

	private static final String EXPORTER = "dev.nitric.spring.autoconfigure.manifest.NitricManifestExporter";

	/** The project. */
	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/** The application's main class; found in the compiled classes when not set. */
	@Parameter(property = "nitric.mainClass")
	private @Nullable String mainClass;

	/** Where the manifest is written. */
	@Parameter(property = "nitric.manifest", defaultValue = "${project.build.directory}/nitric/manifest.json",
			required = true)
	private File manifestFile;

	/** Java executable of the forked JVM; the one running Maven when not set. */
	@Parameter(property = "nitric.java")
	private @Nullable String java;

	/** Longest time the application may take to start, in seconds. */
	@Parameter(property = "nitric.timeout", defaultValue = "120")
	private int timeoutSeconds;

	/** Skip this goal. */
	@Parameter(property = "nitric.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping the Nitric manifest (nitric.skip=true)");
			return;
		}
		Path classes = Path.of(this.project.getBuild().getOutputDirectory());
		if (!Files.isDirectory(classes)) {
			throw new MojoFailureException("There are no compiled classes in " + classes + ": run 'mvn compile "
					+ "nitric:manifest' (or a later phase) so that the application can be started");
		}
		String main = (this.mainClass != null) ? this.mainClass : MainClassFinder.find(classes);
		List<String> classPath = classPath();
		requireExporter(classPath);
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classPath));
		command.add(EXPORTER);
		command.add(main);
		command.add(this.manifestFile.getAbsolutePath());
		getLog().info("Writing the Nitric manifest of " + main + " to " + this.manifestFile);
		try {
			// A manifest left by an earlier run must never pass for this run's.
			Files.deleteIfExists(this.manifestFile.toPath());
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not delete the previous manifest " + this.manifestFile, ex);
		}
		run(command, main);
		try {
			Manifest manifest = ManifestJson.read(Files.readString(this.manifestFile.toPath(), StandardCharsets.UTF_8));
			getLog().info("Manifest of service '" + manifest.service() + "': " + manifest.apis().size() + " API(s), "
					+ manifest.buckets().size() + " bucket(s)");
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new MojoExecutionException("The forked application wrote an unreadable manifest: " + ex.getMessage(),
					ex);
		}
	}

	private void run(List<String> command, String main) throws MojoExecutionException, MojoFailureException {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(this.project.getBasedir()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not start " + command.get(0)
					+ "; set the Java executable with -Dnitric.java=<path to java>", ex);
		}
		ApplicationOutput output = new ApplicationOutput(getLog()::info);
		Thread pump = new Thread(() -> output.consume(process.getInputStream(), Charset.defaultCharset()),
				"nitric-manifest-output");
		pump.setDaemon(true);
		pump.start();
		try {
			if (!process.waitFor(this.timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
				throw new MojoFailureException("The application " + main + " did not get its context ready within "
						+ this.timeoutSeconds + " s, so it was stopped; raise nitric.timeout if it is slow to start, "
						+ "or look in its output above for what it waits for");
			}
			// The application may have left a child process holding the output open: do not wait for it forever.
			pump.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted while writing the manifest", ex);
		}
		if (process.exitValue() != 0) {
			String report = output.failureReport();
			throw new MojoFailureException("The application " + main + " failed to start (exit code "
					+ process.exitValue() + "), so there is no manifest"
					+ ((report != null) ? ":\n\n" + report + "\n" : "; its output above says why"));
		}
		if (!Files.isRegularFile(this.manifestFile.toPath())) {
			throw new MojoExecutionException("The application " + main + " exited normally but wrote no manifest to "
					+ this.manifestFile);
		}
	}

	private List<String> classPath() throws MojoExecutionException {
		try {
			return this.project.getRuntimeClasspathElements();
		}
		catch (Exception ex) {
			throw new MojoExecutionException("Could not resolve the runtime class path", ex);
		}
	}

	private void requireExporter(List<String> classPath) throws MojoFailureException {
		if (!ClassPaths.contains(classPath, EXPORTER)) {
			throw new MojoFailureException("The runtime class path of " + this.project.getArtifactId()
					+ " has no " + EXPORTER + ": add the dependency "
					+ "dev.nitric.spring:nitric-spring-boot-starter (scope compile or runtime) to the project");
		}
	}

	private String javaExecutable() {
		if (this.java != null) {
			return this.java;
		}
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
