package dev.nitric.spring.manifest;

import java.util.List;
import java.util.Optional;

/**
 * Everything an application declares, as the deployer and the gateway emulation read it.
 *
 * @param version the format version, {@value #VERSION}
 * @param service the name of the service (the application)
 * @param apis the APIs, sorted by name
 * @param buckets the buckets, sorted by name
 * @see ManifestJson
 */
public record Manifest(int version, String service, List<ApiManifest> apis, List<BucketManifest> buckets) {

	/** The format version this code reads and writes. */
	public static final int VERSION = 1;

	public Manifest {
		if (version != VERSION) {
			throw new IllegalArgumentException(
					"Manifest version " + version + " is not supported; this version of Nitric reads version " + VERSION);
		}
		apis = List.copyOf(apis);
		buckets = List.copyOf(buckets);
	}

	/**
	 * Find an API by name.
	 * @param name the API name
	 * @return the API, if declared
	 */
	public Optional<ApiManifest> api(String name) {
		return this.apis.stream().filter((api) -> api.name().equals(name)).findFirst();
	}

	/**
	 * Find a bucket by its logical name.
	 * @param name the bucket name
	 * @return the bucket, if declared
	 */
	public Optional<BucketManifest> bucket(String name) {
		return this.buckets.stream().filter((bucket) -> bucket.name().equals(name)).findFirst();
	}

}
