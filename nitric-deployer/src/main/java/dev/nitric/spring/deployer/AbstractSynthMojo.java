package dev.nitric.spring.deployer;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.deployer.synth.Clouds;
import dev.nitric.spring.deployer.synth.JwksUris;
import dev.nitric.spring.deployer.synth.SynthesisException;
import dev.nitric.spring.deployer.synth.Synthesizer;
import dev.nitric.spring.manifest.Manifest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * What {@code nitric:synth} and {@code nitric:deploy} share: reading the manifest and writing each cloud's folder.
 */
abstract class AbstractSynthMojo extends AbstractMojo {

	private static final String JWKS_URI_PROPERTY = "nitric.jwksUri.";

	/** The Maven session, for {@code -Dnitric.jwksUri.<api>.<definition>} properties. */
	@Parameter(defaultValue = "${session}", readonly = true, required = true)
	private @Nullable MavenSession session;

	/** The manifest written by {@code nitric:manifest}. */
	@Parameter(property = "nitric.manifest", defaultValue = "${project.build.directory}/nitric/manifest.json",
			required = true)
	private File manifestFile;

	/** The folder that receives one folder per cloud. */
	@Parameter(property = "nitric.output", defaultValue = "${project.build.directory}/nitric", required = true)
	private File outputDirectory;

	/** The target clouds: {@code aws}, {@code gcp}, {@code azure}, several separated by commas; all three when empty. */
	@Parameter(property = "nitric.cloud")
	private @Nullable String cloud;

	/**
	 * JWKS URIs by {@code <api>.<definition>}, for GCP's {@code x-google-jwks_uri}; each one missing is found by
	 * OpenID Connect discovery of the issuer. Also settable as {@code -Dnitric.jwksUri.<api>.<definition>=<uri>}.
	 */
	@Parameter
	private Map<String, String> jwksUris = Map.of();

	/** Longest time OpenID Connect discovery of an issuer may take, in seconds. */
	@Parameter(property = "nitric.discoveryTimeout", defaultValue = "10")
	private int discoveryTimeoutSeconds;

	/** Skip this goal. */
	@Parameter(property = "nitric.skip", defaultValue = "false")
	private boolean skip;

	protected boolean skip() {
		return this.skip;
	}

	/**
	 * Read the manifest and write the folders.
	 * @return cloud → its folder
	 * @throws MojoFailureException saying what to change
	 */
	protected Map<Cloud, Path> synthesize() throws MojoFailureException {
		try {
			Set<Cloud> clouds = Clouds.parse(this.cloud);
			Manifest manifest = Synthesizer.readManifest(this.manifestFile.toPath());
			Synthesizer synthesizer = new Synthesizer(JwksUris.overridesThenDiscovery(jwksUris(),
					Duration.ofSeconds(this.discoveryTimeoutSeconds)));
			Map<Cloud, Path> folders = synthesizer.write(manifest, clouds, this.outputDirectory.toPath());
			folders.forEach((target, folder) -> getLog().info("Wrote " + target.displayName() + " configuration of "
					+ "service '" + manifest.service() + "' to " + folder));
			return folders;
		}
		catch (SynthesisException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
	}

	private Map<String, String> jwksUris() {
		Map<String, String> uris = new TreeMap<>(this.jwksUris);
		if (this.session == null) {
			return uris;
		}
		for (Properties properties : new Properties[] { this.session.getSystemProperties(),
				this.session.getUserProperties() }) {
			for (String name : properties.stringPropertyNames()) {
				if (name.startsWith(JWKS_URI_PROPERTY)) {
					uris.put(name.substring(JWKS_URI_PROPERTY.length()), properties.getProperty(name));
				}
			}
		}
		return uris;
	}

}
