package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * Manifests and helpers shared by the synthesis tests.
 */
final class Fixtures {

	/** The JWKS URI every test issuer has: no network in tests. */
	static final JwksUris JWKS_URIS = (api, definition) -> "https://auth.example.com/.well-known/jwks.json";

	private Fixtures() {
	}

	/**
	 * The demo application's manifest: {@code imageApi} with public {@code POST /image}; {@code main} with definition
	 * {@code user}, API-level security, a public {@code GET} override and {@code POST} scoped {@code user.write};
	 * bucket {@code secureBucket} write-only.
	 * @return the manifest
	 */
	static Manifest demo() {
		return ManifestJson.read(resource("manifests/demo.json"));
	}

	/**
	 * The demo with one bucket for every combination of verbs, to exercise every permission.
	 * @return the manifest
	 */
	static Manifest everyVerb() {
		Manifest demo = demo();
		List<BucketManifest> buckets = new ArrayList<>(demo.buckets());
		List<List<BucketVerb>> combinations = List.of(List.of(BucketVerb.READ), List.of(BucketVerb.DELETE),
				List.of(BucketVerb.READ, BucketVerb.WRITE), List.of(BucketVerb.READ, BucketVerb.WRITE, BucketVerb.DELETE));
		for (List<BucketVerb> verbs : combinations) {
			String name = "bucket-" + Stack.verbsId(EnumSet.copyOf(verbs));
			buckets.add(new BucketManifest(name, Set.copyOf(verbs), List.of(name)));
		}
		return new Manifest(Manifest.VERSION, demo.service(), demo.apis(), buckets);
	}

	static ApiManifest securedApi(String name, RouteManifest... routes) {
		return new ApiManifest(name,
				List.of(new SecurityDefinition("user", SecurityDefinition.Kind.JWT, "https://auth.example.com/",
						List.of("orders"))),
				List.of(SecurityRequirement.of("user")), List.of(routes));
	}

	static RouteManifest route(String method, String path, SecurityRequirement... security) {
		return new RouteManifest(method, path, "com.example.Handler#" + method.toLowerCase() + path.hashCode(),
				List.of(security), SecuritySource.ROUTE);
	}

	static Manifest manifest(List<ApiManifest> apis, List<BucketManifest> buckets) {
		return new Manifest(Manifest.VERSION, "orders", apis, buckets);
	}

	static Map<Cloud, SortedMap<String, String>> synthesize(Manifest manifest) {
		return new Synthesizer(JWKS_URIS).synthesize(manifest, EnumSet.allOf(Cloud.class));
	}

	static String resource(String name) {
		try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The folder holding {@code mvnw}, found by walking up from the working directory.
	 * @return the project root
	 */
	static Path projectRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isRegularFile(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("No folder holding mvnw above " + Path.of("").toAbsolutePath());
		}
		return directory;
	}

}
