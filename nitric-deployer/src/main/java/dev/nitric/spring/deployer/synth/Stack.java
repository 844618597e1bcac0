package dev.nitric.spring.deployer.synth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.nitric.spring.cloud.BucketNames;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * A manifest checked against every rule of the target clouds, with the names the stacks derive from it. Everything
 * a cloud would refuse is refused here, before anything is written, with a message that says what to change.
 */
final class Stack {

	/** Bytes of the random deployment suffix (hex: twice as many characters, within {@link BucketNames#SUFFIX_LENGTH}). */
	static final int SUFFIX_BYTES = 6;

	private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,39}");

	private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	private final Manifest manifest;

	private final Set<Cloud> clouds;

	private final Map<String, List<Route>> routesByApi = new HashMap<>();

	private Stack(Manifest manifest, Set<Cloud> clouds, List<Route> routes) {
		this.manifest = manifest;
		this.clouds = clouds;
		for (Route route : routes) {
			this.routesByApi.computeIfAbsent(route.api().name(), (name) -> new ArrayList<>()).add(route);
		}
	}

	/**
	 * Check a manifest for the given clouds.
	 * @param manifest the manifest
	 * @param clouds the clouds it is synthesised for
	 * @return the checked stack
	 * @throws SynthesisException listing every problem, each with what to change
	 */
	static Stack of(Manifest manifest, Set<Cloud> clouds) {
		List<String> problems = new ArrayList<>();
		if (!SERVICE_NAME.matcher(manifest.service()).matches()) {
			problems.add("service name '" + manifest.service() + "': use 1 to 63 letters, digits, '.', '_' or '-' "
					+ "(it names the service's identity on every cloud); set nitric.service-name");
		}
		checkBuckets(manifest, problems);
		List<Route> routes = checkApis(manifest, EnumSet.copyOf(clouds), problems);
		if (!problems.isEmpty()) {
			throw new SynthesisException("The manifest of service '" + manifest.service() + "' cannot be deployed to "
					+ Clouds.names(clouds) + ":\n  - " + String.join("\n  - ", problems));
		}
		return new Stack(manifest, EnumSet.copyOf(clouds), routes);
	}

	private static void checkBuckets(Manifest manifest, List<String> problems) {
		Map<String, String> physical = new HashMap<>();
		Map<String, String> variables = new HashMap<>();
		for (BucketManifest bucket : manifest.buckets()) {
			for (String problem : BucketNames.problems(bucket.name())) {
				problems.add("bucket '" + bucket.name() + "': " + problem + "; rename the bucket");
			}
			String other = physical.putIfAbsent(BucketNames.physicalBase(bucket.name()), bucket.name());
			if (other != null) {
				problems.add("buckets '" + other + "' and '" + bucket.name() + "' get the same physical name "
						+ BucketNames.physicalBase(bucket.name()) + " (names are lower-cased); rename one of them");
			}
			other = variables.putIfAbsent(BucketNames.environmentVariable(bucket.name()), bucket.name());
			if (other != null) {
				problems.add("buckets '" + other + "' and '" + bucket.name() + "' share the environment variable "
						+ BucketNames.environmentVariable(bucket.name()) + "; rename one of them");
			}
			if (bucket.verbs().isEmpty()) {
				problems.add("bucket '" + bucket.name() + "' allows no verb; declare read, write or delete");
			}
		}
	}

	private static List<Route> checkApis(Manifest manifest, Set<Cloud> clouds, List<String> problems) {
		List<Route> routes = new ArrayList<>();
		Map<String, String> ids = new HashMap<>();
		Map<String, String> claimed = new HashMap<>();
		for (ApiManifest api : manifest.apis()) {
			if (!API_NAME.matcher(api.name()).matches()) {
				problems.add("API '" + api.name() + "': GCP API Gateway and Azure API Management want 1 to 40 letters, "
						+ "digits or hyphens, starting with a letter; rename the API");
			}
			String other = ids.putIfAbsent(api.name().toLowerCase(Locale.ROOT), api.name());
			if (other != null) {
				problems.add("APIs '" + other + "' and '" + api.name() + "' differ only in case, but gateway ids are "
						+ "lower case; rename one of them");
			}
			for (SecurityDefinition definition : api.securityDefinitions()) {
				checkDefinition(api, definition, problems);
			}
			Set<String> operationIds = new TreeSet<>();
			for (RouteManifest route : api.routes()) {
				String key = route.method() + " " + route.path();
				String previous = claimed.putIfAbsent(key, api.name() + " (" + route.handler() + ")");
				if (previous != null) {
					problems.add(key + " is claimed twice: by " + previous + " and by " + api.name() + " ("
							+ route.handler() + "); every API routes to the same service, so give each handler its "
							+ "own method and path");
				}
				checkRequirements(api, route, clouds, problems);
				routes.add(new Route(api, route, operationId(route, operationIds)));
			}
		}
		return List.copyOf(routes);
	}

	private static void checkDefinition(ApiManifest api, SecurityDefinition definition, List<String> problems) {
		String subject = "security definition '" + definition.name() + "' of API '" + api.name() + "'";
		String issuer = definition.issuer();
		if (issuer == null || definition.usesDevelopmentIssuer()) {
			problems.add(subject + " has no real issuer; set nitric.apis." + api.name() + ".security-definitions."
					+ definition.name() + ".issuer to your OpenID Connect issuer");
		}
		else if (!isHttpsUrl(issuer)) {
			problems.add(subject + " has issuer '" + issuer + "': every cloud gateway fetches the issuer's keys over "
					+ "HTTPS, and a local issuer cannot be reached from the cloud; set nitric.apis." + api.name()
					+ ".security-definitions." + definition.name() + ".issuer to an https:// issuer");
		}
		if (definition.audiences().isEmpty()) {
			problems.add(subject + " has no audiences: GCP would check the service name and Azure nothing; set "
					+ "nitric.apis." + api.name() + ".security-definitions." + definition.name() + ".audiences");
		}
		for (String audience : definition.audiences()) {
			if (audience.contains(",")) {
				problems.add(subject + " has audience '" + audience + "', but GCP separates audiences with commas; "
						+ "use an audience without a comma");
			}
		}
	}

	private static void checkRequirements(ApiManifest api, RouteManifest route, Set<Cloud> clouds,
			List<String> problems) {
		String subject = route.method() + " " + route.path() + " of API '" + api.name() + "' (" + route.handler() + ")";
		for (SecurityRequirement requirement : route.security()) {
			if (api.securityDefinition(requirement.definition()).isEmpty()) {
				problems.add(subject + " uses security definition '" + requirement.definition()
						+ "', which the API does not declare; declare it or use another");
			}
		}
		if (route.security().size() > 1 && clouds.contains(Cloud.AWS)) {
			problems.add(subject + " offers " + route.security().size() + " alternative requirements, but an AWS HTTP "
					+ "API route has exactly one JWT authorizer; keep one requirement (scopes are any-of), or synthesise "
					+ "for -Dnitric.cloud=gcp,azure");
		}
	}

	private static boolean isHttpsUrl(String url) {
		try {
			URI uri = new URI(url);
			return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawQuery() == null
					&& uri.getRawFragment() == null;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static String operationId(RouteManifest route, Set<String> taken) {
		String base = (route.method() + "-" + route.path()).toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-|-$", "");
		String id = base;
		for (int i = 2; !taken.add(id); i++) {
			id = base + "-" + i;
		}
		return id;
	}

	Manifest manifest() {
		return this.manifest;
	}

	Set<Cloud> clouds() {
		return Collections.unmodifiableSet(this.clouds);
	}

	String service() {
		return this.manifest.service();
	}

	/**
	 * The service's name reduced to lower-case letters, digits and single hyphens, for cloud resource names.
	 * @param maxLength the longest result
	 * @return the name
	 */
	String serviceId(int maxLength) {
		String id = this.manifest.service().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		if (id.length() > maxLength) {
			id = id.substring(0, maxLength);
		}
		return id.replaceAll("^-+|-+$", "");
	}

	List<ApiManifest> apis() {
		return this.manifest.apis();
	}

	List<Route> routes(ApiManifest api) {
		return this.routesByApi.getOrDefault(api.name(), List.of());
	}

	List<BucketManifest> buckets() {
		return this.manifest.buckets();
	}

	/**
	 * The buckets grouped by the set of verbs the service may use on them: one role per group.
	 * @return verb set (e.g. {@code read-write}) → buckets, sorted
	 */
	Map<String, List<BucketManifest>> bucketsByVerbs() {
		Map<String, List<BucketManifest>> groups = new TreeMap<>();
		for (BucketManifest bucket : this.manifest.buckets()) {
			groups.computeIfAbsent(verbsId(bucket.verbs()), (key) -> new ArrayList<>()).add(bucket);
		}
		return groups;
	}

	/**
	 * The verbs of a group, in {@link BucketVerb} order.
	 * @param verbsId the group's id
	 * @return the verbs
	 */
	static SortedSet<BucketVerb> verbs(String verbsId) {
		SortedSet<BucketVerb> verbs = new TreeSet<>();
		for (String id : verbsId.split("-")) {
			verbs.add(BucketVerb.fromId(id));
		}
		return verbs;
	}

	static String verbsId(Set<BucketVerb> verbs) {
		return String.join("-", new TreeSet<>(verbs).stream().map(BucketVerb::id).toList());
	}

	/**
	 * A Terraform resource name for a bucket.
	 * @param bucket the bucket
	 * @return the name
	 */
	static String terraformName(BucketManifest bucket) {
		return "bucket_" + bucket.name().replace('.', '_');
	}

	/**
	 * The environment variables a deployed service needs: {@code NITRIC_BUCKET_<NAME>} → Terraform expression of the
	 * physical name.
	 * @param physicalName the Terraform expression of a bucket's physical name
	 * @return the variables, sorted
	 */
	Map<String, Object> environment(Function<BucketManifest, String> physicalName) {
		Map<String, Object> environment = new LinkedHashMap<>();
		for (BucketManifest bucket : this.manifest.buckets()) {
			environment.put(BucketNames.environmentVariable(bucket.name()), physicalName.apply(bucket));
		}
		return environment;
	}

	/**
	 * The physical name of a bucket as a Terraform expression: the {@link BucketNames#physicalBase base}, a hyphen and
	 * the stack's random suffix.
	 * @param bucket the bucket
	 * @return the expression
	 */
	static String physicalName(BucketManifest bucket) {
		return BucketNames.physicalBase(bucket.name()) + "-${random_id.suffix.hex}";
	}

	/**
	 * One route of an API, with the operation id the gateways know it by.
	 *
	 * @param api the API
	 * @param route the route
	 * @param operationId unique within the API: the method and path in lower case, hyphen-separated
	 */
	record Route(ApiManifest api, RouteManifest route, String operationId) {
	}

}
