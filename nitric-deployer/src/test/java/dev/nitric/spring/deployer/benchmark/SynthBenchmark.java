package dev.nitric.spring.deployer.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.deployer.synth.Synthesizer;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * Synthesis time and memory for all three clouds, for a generated manifest of 1,000 routes and 200 buckets and for
 * ten times the routes; checks that growth is linear (10× the routes ≤ 12× the time). Not a test: run it with
 * {@code ./mvnw -B -pl nitric-deployer -am -Pbenchmark process-test-classes -DskipTests}. Results: README.md here.
 */
public final class SynthBenchmark {

	private static final int ROUTES_PER_API = 50;

	private static final int WARM_UP = 5;

	private static final int RUNS = 15;

	private SynthBenchmark() {
	}

	public static void main(String[] args) {
		Synthesizer synthesizer = new Synthesizer((api, definition) -> "https://auth.example.com/jwks");
		Set<Cloud> clouds = EnumSet.allOf(Cloud.class);
		Manifest small = manifest(1_000, 200);
		Manifest large = manifest(10_000, 200);
		Result smallResult = measure(synthesizer, small, clouds);
		Result largeResult = measure(synthesizer, large, clouds);
		double ratio = largeResult.medianMillis() / smallResult.medianMillis();
		System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
				+ ", " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
		System.out.println(smallResult.describe("1,000 routes, 200 buckets"));
		System.out.println(largeResult.describe("10,000 routes, 200 buckets"));
		System.out.printf("ratio (10x routes): %.2fx time (limit 12x) -> %s%n", ratio, (ratio <= 12) ? "LINEAR" : "TOO SLOW");
		if (ratio > 12) {
			System.exit(1);
		}
	}

	private static Result measure(Synthesizer synthesizer, Manifest manifest, Set<Cloud> clouds) {
		for (int i = 0; i < WARM_UP; i++) {
			synthesizer.synthesize(manifest, clouds);
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		double[] millis = new double[RUNS];
		long allocated = 0;
		long bytesOut = 0;
		for (int i = 0; i < RUNS; i++) {
			long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
			long start = System.nanoTime();
			Map<Cloud, SortedMap<String, String>> files = synthesizer.synthesize(manifest, clouds);
			millis[i] = (System.nanoTime() - start) / 1e6;
			allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
			bytesOut = files.values().stream().flatMap((cloud) -> cloud.values().stream()).mapToLong(String::length).sum();
		}
		Arrays.sort(millis);
		return new Result(millis[RUNS / 2], millis[0], millis[RUNS - 1], allocated, bytesOut);
	}

	static Manifest manifest(int routes, int buckets) {
		SecurityDefinition user = new SecurityDefinition("user", SecurityDefinition.Kind.JWT, "https://auth.example.com/",
				List.of("https://api.example.com/"));
		List<ApiManifest> apis = new ArrayList<>();
		for (int api = 0; api * ROUTES_PER_API < routes; api++) {
			List<RouteManifest> apiRoutes = new ArrayList<>();
			for (int i = api * ROUTES_PER_API; i < Math.min(routes, (api + 1) * ROUTES_PER_API); i++) {
				String path = String.format("/resource%05d/{id}", i);
				List<SecurityRequirement> security = switch (i % 3) {
					case 0 -> List.of();
					case 1 -> List.of(SecurityRequirement.of("user"));
					default -> List.of(SecurityRequirement.of("user", "scope.write", "scope.admin"));
				};
				apiRoutes.add(new RouteManifest((i % 2 == 0) ? "GET" : "POST", path, "com.example.Handler#h" + i, security,
						SecuritySource.ROUTE));
			}
			apis.add(new ApiManifest(String.format("api%04d", api), List.of(user), List.of(SecurityRequirement.of("user")),
					apiRoutes));
		}
		List<BucketManifest> bucketList = new ArrayList<>();
		List<Set<BucketVerb>> verbs = List.of(Set.of(BucketVerb.READ), Set.of(BucketVerb.WRITE),
				Set.of(BucketVerb.READ, BucketVerb.WRITE), Set.of(BucketVerb.READ, BucketVerb.WRITE, BucketVerb.DELETE));
		for (int i = 0; i < buckets; i++) {
			String name = String.format("bucket%04d", i);
			bucketList.add(new BucketManifest(name, verbs.get(i % verbs.size()), List.of(name)));
		}
		return new Manifest(Manifest.VERSION, "benchmark-service", apis, bucketList);
	}

	private record Result(double medianMillis, double minMillis, double maxMillis, long allocatedBytes,
			long charactersWritten) {

		String describe(String label) {
			return String.format("%-28s median %8.1f ms (min %.1f, max %.1f), allocated %6.1f MiB per run, output %5.1f MiB",
					label, this.medianMillis, this.minMillis, this.maxMillis, this.allocatedBytes / 1048576.0,
					this.charactersWritten / 1048576.0);
		}

	}

}
