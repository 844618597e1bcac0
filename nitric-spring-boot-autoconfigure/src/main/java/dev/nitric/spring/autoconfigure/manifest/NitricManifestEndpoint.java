package dev.nitric.spring.autoconfigure.manifest;

import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code nitric}: the application's manifest, byte for byte as {@code nitric:manifest} writes it.
 */
@Endpoint(id = "nitric")
public class NitricManifestEndpoint {

	private final String json;

	/**
	 * Create the endpoint.
	 * @param manifest the manifest to serve
	 */
	public NitricManifestEndpoint(Manifest manifest) {
		this.json = ManifestJson.write(manifest);
	}

	/**
	 * Return the manifest.
	 * @return the manifest's JSON form
	 */
	@ReadOperation(produces = "application/json")
	public String manifest() {
		return this.json;
	}

}
