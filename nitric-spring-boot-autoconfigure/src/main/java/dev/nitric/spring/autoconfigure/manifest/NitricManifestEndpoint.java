package dev.nitric.spring.autoconfigure.manifest;

import java.util.function.Supplier;

import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code nitric}: the application's manifest, byte for byte as {@code nitric:manifest} writes it.
 */
@Endpoint(id = "nitric")
public class NitricManifestEndpoint {

	private final Supplier<Manifest> manifest;

	private volatile @Nullable String json;

	/**
	 * Create the endpoint.
	 * @param manifest supplies the manifest to serve, on first read (the manifest reads the handler mappings, among
	 * which is the actuator's own)
	 */
	public NitricManifestEndpoint(Supplier<Manifest> manifest) {
		this.manifest = manifest;
	}

	/**
	 * Return the manifest.
	 * @return the manifest's JSON form
	 */
	@ReadOperation(produces = "application/json")
	public String manifest() {
		String written = this.json;
		if (written == null) {
			written = ManifestJson.write(this.manifest.get());
			this.json = written;
		}
		return written;
	}

}
