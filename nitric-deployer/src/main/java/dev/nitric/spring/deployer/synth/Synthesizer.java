package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;

/**
 * Synthesises each cloud's folder from the manifest: everything is produced in memory first, for every requested
 * cloud, and only then written, each folder atomically ({@link OutputFolder}); a manifest that one cloud refuses
 * leaves every folder as it was.
 */
public final class Synthesizer {

	private final List<CloudSynthesizer> synthesizers;

	/**
	 * Create a synthesiser.
	 * @param jwksUris how to find the JWKS URI GCP wants spelled out
	 */
	public Synthesizer(JwksUris jwksUris) {
		this.synthesizers = List.of(new AwsSynthesizer(), new GcpSynthesizer(jwksUris), new AzureSynthesizer());
	}

	/**
	 * Read and check the manifest file.
	 * @param file {@code target/nitric/manifest.json}
	 * @return the manifest
	 * @throws SynthesisException when it is missing or unreadable, saying to run {@code nitric:manifest}
	 */
	public static Manifest readManifest(Path file) {
		String json;
		try {
			json = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new SynthesisException("There is no manifest at " + file + ": run 'mvn compile nitric:manifest' "
					+ "first (or 'mvn compile nitric:manifest nitric:synth')", ex);
		}
		catch (IOException ex) {
			throw new SynthesisException("Could not read the manifest " + file + ": " + ex.getMessage(), ex);
		}
		try {
			return ManifestJson.read(json);
		}
		catch (IllegalArgumentException ex) {
			throw new SynthesisException("The manifest " + file + " is not a valid Nitric manifest (" + ex.getMessage()
					+ "): run 'mvn compile nitric:manifest' again to rewrite it", ex);
		}
	}

	/**
	 * Produce the files of each cloud, in memory.
	 * @param manifest the manifest
	 * @param clouds the clouds
	 * @return cloud → relative path → content
	 * @throws SynthesisException when a cloud refuses the manifest
	 */
	public Map<Cloud, SortedMap<String, String>> synthesize(Manifest manifest, Set<Cloud> clouds) {
		Stack stack = Stack.of(manifest, clouds);
		Map<Cloud, SortedMap<String, String>> result = new EnumMap<>(Cloud.class);
		for (CloudSynthesizer synthesizer : this.synthesizers) {
			if (clouds.contains(synthesizer.cloud())) {
				result.put(synthesizer.cloud(), synthesizer.files(stack));
			}
		}
		return result;
	}

	/**
	 * Synthesise and write {@code <output>/<cloud>/} for each cloud.
	 * @param manifest the manifest
	 * @param clouds the clouds
	 * @param output the folder holding the cloud folders ({@code target/nitric})
	 * @return cloud → its folder
	 * @throws SynthesisException when a cloud refuses the manifest or a folder cannot be written
	 */
	public Map<Cloud, Path> write(Manifest manifest, Set<Cloud> clouds, Path output) {
		Map<Cloud, SortedMap<String, String>> files = synthesize(manifest, clouds);
		Map<Cloud, Path> folders = new EnumMap<>(Cloud.class);
		files.forEach((cloud, content) -> {
			Path folder = output.resolve(Clouds.id(cloud));
			try {
				OutputFolder.replace(folder, content);
			}
			catch (IOException ex) {
				throw new SynthesisException("Could not write " + folder + ": " + ex.getMessage(), ex);
			}
			folders.put(cloud, folder);
		});
		return folders;
	}

}
