package dev.nitric.spring.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.nitric.spring.cloud.BucketNames;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Collects an application's declarations, applies configuration, checks them against every cloud's rules and
 * assembles the {@link Manifest}. Every problem is reported at once, each naming the declaration and the fix.
 */
public final class ManifestAssembler {

	/** Most scopes on one route of an AWS HTTP API (quota). */
	public static final int AWS_MAX_SCOPES = 10;

	/** Most audiences of one AWS JWT authorizer (quota). */
	public static final int AWS_MAX_AUDIENCES = 50;

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]*)}");

	private static final Pattern PLAIN_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final String service;

	private final List<Declared<Api>> apis = new ArrayList<>();

	private final List<Declared<Set<BucketVerb>>> buckets = new ArrayList<>();

	private final List<RouteDeclaration> routes = new ArrayList<>();

	private final Map<String, Map<String, DefinitionOverride>> overrides = new TreeMap<>();

	private @Nullable String developmentIssuer;

	private Set<Cloud> clouds = EnumSet.allOf(Cloud.class);

	private ManifestAssembler(String service) {
		this.service = service;
	}

	/**
	 * Start assembling the manifest of a service.
	 * @param service the service's name
	 * @return the assembler
	 */
	public static ManifestAssembler forService(String service) {
		if (service.isBlank()) {
			throw new IllegalArgumentException("Service name must not be empty");
		}
		return new ManifestAssembler(service);
	}

	/**
	 * Add an API declaration.
	 * @param source where it was declared (a bean name)
	 * @param api the declaration
	 * @return this assembler
	 */
	public ManifestAssembler api(String source, Api api) {
		this.apis.add(new Declared<>(source, api.name(), api));
		return this;
	}

	/**
	 * Add a bucket declaration; several declarations of one bucket merge.
	 * @param source where it was declared (a bean name)
	 * @param name the bucket's logical name
	 * @param verbs the verbs this declaration asks for
	 * @return this assembler
	 */
	public ManifestAssembler bucket(String source, String name, Set<BucketVerb> verbs) {
		this.buckets.add(new Declared<>(source, name, Set.copyOf(verbs)));
		return this;
	}

	/**
	 * Add a handler attached to an API (or carrying security annotations).
	 * @param route the handler
	 * @return this assembler
	 */
	public ManifestAssembler route(RouteDeclaration route) {
		this.routes.add(route);
		return this;
	}

	/**
	 * Apply configuration to a security definition: values given here replace those declared in code.
	 * @param api the API name
	 * @param definition the definition name
	 * @param issuer the issuer, or {@code null} to keep the declared one
	 * @param audiences the audiences, or {@code null} to keep the declared ones
	 * @return this assembler
	 */
	public ManifestAssembler override(String api, String definition, @Nullable String issuer,
			@Nullable List<String> audiences) {
		this.overrides.computeIfAbsent(api, (key) -> new TreeMap<>())
			.put(definition, new DefinitionOverride(issuer, (audiences != null) ? List.copyOf(audiences) : null));
		return this;
	}

	/**
	 * Set the URL of the development issuer that {@link SecurityDefinition#DEVELOPMENT_ISSUER} stands for.
	 * @param issuer the URL, or {@code null} when no development issuer runs
	 * @return this assembler
	 */
	public ManifestAssembler developmentIssuer(@Nullable String issuer) {
		this.developmentIssuer = issuer;
		return this;
	}

	/**
	 * Set the clouds whose gateway limits apply (by default all three): AWS routes have one authorizer and at most
	 * {@value #AWS_MAX_SCOPES} scopes, AWS authorizers at most {@value #AWS_MAX_AUDIENCES} audiences, and the
	 * security definitions of one GCP API need distinct issuers.
	 * @param clouds the target clouds
	 * @return this assembler
	 */
	public ManifestAssembler clouds(Set<Cloud> clouds) {
		this.clouds = EnumSet.copyOf(clouds);
		return this;
	}

	/**
	 * Check every declaration and assemble the manifest.
	 * @return the manifest
	 * @throws InvalidDeclarationsException listing every problem found
	 */
	public Manifest assemble() {
		List<DeclarationProblem> problems = new ArrayList<>();
		Map<String, ApiDraft> drafts = apiDrafts(problems);
		checkOverrides(drafts, problems);
		Map<String, String> claimed = new TreeMap<>();
		for (RouteDeclaration route : this.routes) {
			addRoute(route, drafts, claimed, problems);
		}
		List<BucketManifest> bucketManifests = bucketManifests(problems);
		if (!problems.isEmpty()) {
			throw new InvalidDeclarationsException(problems);
		}
		List<ApiManifest> apiManifests = new ArrayList<>(drafts.size());
		for (ApiDraft draft : drafts.values()) {
			apiManifests.add(draft.toManifest());
		}
		return new Manifest(Manifest.VERSION, this.service, apiManifests, bucketManifests);
	}

	private Map<String, ApiDraft> apiDrafts(List<DeclarationProblem> problems) {
		Map<String, ApiDraft> drafts = new TreeMap<>();
		for (Declared<Api> declared : this.apis) {
			Api api = declared.value();
			ApiDraft existing = drafts.get(api.name());
			if (existing != null) {
				problems.add(new DeclarationProblem("API beans '" + existing.source + "' and '" + declared.source() + "'",
						"both declare the API '" + api.name() + "'", "give each API bean its own name"));
				continue;
			}
			List<SecurityDefinition> definitions = new ArrayList<>();
			for (SecurityDefinition definition : api.securityDefinitions().values()) {
				definitions.add(resolve(declared.source(), api.name(), definition, problems));
			}
			definitions.sort(Comparator.comparing(SecurityDefinition::name));
			String subject = "API bean '" + declared.source() + "' (API '" + api.name() + "')";
			checkRequirements(subject, "its API-level security", api, api.security(), problems);
			checkCloudLimits(subject, "its API-level security", api.security(), problems);
			checkDefinitionLimits(subject, definitions, problems);
			drafts.put(api.name(), new ApiDraft(declared.source(), api, definitions));
		}
		return drafts;
	}

	private SecurityDefinition resolve(String source, String api, SecurityDefinition declared,
			List<DeclarationProblem> problems) {
		DefinitionOverride override = this.overrides.getOrDefault(api, Map.of()).get(declared.name());
		String issuer = declared.issuer();
		List<String> audiences = declared.audiences();
		if (override != null && override.issuer() != null) {
			issuer = override.issuer();
		}
		if (override != null && override.audiences() != null) {
			audiences = override.audiences();
		}
		String property = "nitric.apis." + api + ".security-definitions." + declared.name();
		String subject = "security definition '" + declared.name() + "' of API '" + api + "' (bean '" + source + "')";
		if (SecurityDefinition.DEVELOPMENT_ISSUER.equals(issuer)) {
			issuer = this.developmentIssuer;
			if (issuer == null) {
				problems.add(new DeclarationProblem(subject,
						"uses the development issuer, which does not run here (nitric.gateway.mode=behind-gateway or "
								+ "nitric.dev-issuer.enabled=false)",
						"set " + property + ".issuer to your real OpenID Connect issuer"));
			}
		}
		else if (issuer == null || issuer.isBlank()) {
			problems.add(new DeclarationProblem(subject, "has no issuer",
					"call issuer(\"https://your-issuer/\") on the definition, or set " + property + ".issuer"));
			issuer = null;
		}
		else if (!isAbsoluteHttpUrl(issuer)) {
			problems.add(new DeclarationProblem(subject,
					"has issuer '" + issuer + "', which is not an absolute http(s) URL: the keys are found at "
							+ "<issuer>/.well-known/openid-configuration",
					"use the issuer exactly as it appears in the tokens' iss claim, for example https://auth.example.com/"));
		}
		if (audiences.isEmpty()) {
			problems.add(new DeclarationProblem(subject,
					"has no audiences: without one, GCP checks the service name instead and Azure checks nothing, so "
							+ "the clouds would disagree on which tokens pass",
					"call audiences(\"...\") on the definition, or set " + property + ".audiences"));
		}
		return new SecurityDefinition(declared.name(), declared.kind(), issuer, audiences);
	}

	private void checkOverrides(Map<String, ApiDraft> drafts, List<DeclarationProblem> problems) {
		for (Map.Entry<String, Map<String, DefinitionOverride>> entry : this.overrides.entrySet()) {
			String api = entry.getKey();
			ApiDraft draft = drafts.get(api);
			for (String definition : entry.getValue().keySet()) {
				String property = "nitric.apis." + api + ".security-definitions." + definition;
				if (draft == null) {
					problems.add(new DeclarationProblem("property " + property,
							"configures API '" + api + "', which no Api bean declares",
							"fix the API name in the property, or declare the API (declared: " + drafts.keySet() + ")"));
				}
				else if (!draft.api.securityDefinitions().containsKey(definition)) {
					problems.add(new DeclarationProblem("property " + property,
							"configures security definition '" + definition + "', which API '" + api + "' does not declare",
							"fix the definition name in the property (declared: "
									+ draft.api.securityDefinitions().keySet() + ")"));
				}
			}
		}
	}

	private void checkRequirements(String subject, String where, Api api, List<SecurityRequirement> requirements,
			List<DeclarationProblem> problems) {
		for (SecurityRequirement requirement : requirements) {
			if (api.securityDefinitions().containsKey(requirement.definition())) {
				continue;
			}
			if (api.securityDefinitions().isEmpty()) {
				problems.add(new DeclarationProblem(subject,
						where + " requires security definition '" + requirement.definition() + "'"
								+ ((requirement.scopes().isEmpty()) ? "" : " with scopes " + requirement.scopes())
								+ ", but API '" + api.name() + "' has no security definitions",
						"declare it on the API with securityDefinition(SecurityDefinition.jwt(\""
								+ requirement.definition() + "\")...)"));
			}
			else {
				problems.add(new DeclarationProblem(subject,
						where + " requires the unknown security definition '" + requirement.definition() + "'",
						"use one that API '" + api.name() + "' declares: " + api.securityDefinitions().keySet()));
			}
		}
	}

	private void checkCloudLimits(String subject, String where, List<SecurityRequirement> requirements,
			List<DeclarationProblem> problems) {
		if (!this.clouds.contains(Cloud.AWS)) {
			return;
		}
		if (requirements.size() > 1) {
			problems.add(new DeclarationProblem(subject,
					where + " offers " + requirements.size() + " alternative requirements, but an AWS HTTP API route has "
							+ "exactly one JWT authorizer",
					"keep one requirement per route (put the scopes of the alternatives in one requirement: scopes are "
							+ "any-of), or set nitric.cloud to a cloud that supports alternatives"));
		}
		for (SecurityRequirement requirement : requirements) {
			if (requirement.scopes().size() > AWS_MAX_SCOPES) {
				problems.add(new DeclarationProblem(subject,
						where + " lists " + requirement.scopes().size() + " scopes; AWS allows at most " + AWS_MAX_SCOPES
								+ " per route",
						"use at most " + AWS_MAX_SCOPES + " scopes per route"));
			}
		}
	}

	private void checkDefinitionLimits(String subject, List<SecurityDefinition> definitions,
			List<DeclarationProblem> problems) {
		for (SecurityDefinition definition : definitions) {
			if (this.clouds.contains(Cloud.AWS) && definition.audiences().size() > AWS_MAX_AUDIENCES) {
				problems.add(new DeclarationProblem(subject,
						"security definition '" + definition.name() + "' lists " + definition.audiences().size()
								+ " audiences; an AWS JWT authorizer allows at most " + AWS_MAX_AUDIENCES,
						"use at most " + AWS_MAX_AUDIENCES + " audiences per security definition"));
			}
		}
		if (this.clouds.contains(Cloud.GCP)) {
			Map<String, String> issuers = new TreeMap<>();
			for (SecurityDefinition definition : definitions) {
				if (definition.issuer() == null) {
					continue;
				}
				String other = issuers.putIfAbsent(definition.issuer(), definition.name());
				if (other != null) {
					problems.add(new DeclarationProblem(subject,
							"security definitions '" + other + "' and '" + definition.name() + "' share the issuer "
									+ definition.issuer() + ", but GCP API Gateway tells definitions apart by issuer",
							"merge them into one definition (list both audiences), or give each its own issuer"));
				}
			}
		}
	}

	private void addRoute(RouteDeclaration route, Map<String, ApiDraft> drafts, Map<String, String> claimed,
			List<DeclarationProblem> problems) {
		String subject = "handler " + route.handler();
		if (route.api() == null) {
			problems.add(new DeclarationProblem(subject, "has @RouteSecurity or @PublicRoute but belongs to no API",
					"annotate the method or its class with @NitricApi(\"<api name>\")"));
			return;
		}
		ApiDraft draft = drafts.get(route.api());
		if (draft == null) {
			problems.add(new DeclarationProblem(subject, "is attached to API '" + route.api() + "', which no Api bean declares",
					"declare a bean returning Api.named(\"" + route.api() + "\"), or use one of " + drafts.keySet()));
			return;
		}
		if (route.publicRoute() && !route.routeSecurity().isEmpty()) {
			problems.add(new DeclarationProblem(subject, "is both @PublicRoute and @RouteSecurity",
					"keep @PublicRoute for a public route, or @RouteSecurity for a secured one"));
			return;
		}
		checkRequirements(subject, "its @RouteSecurity", draft.api, route.routeSecurity(), problems);
		checkCloudLimits(subject, "its @RouteSecurity", route.routeSecurity(), problems);
		List<SecurityRequirement> security;
		SecuritySource source;
		if (route.publicRoute()) {
			security = List.of();
			source = SecuritySource.ROUTE;
		}
		else if (!route.routeSecurity().isEmpty()) {
			security = route.routeSecurity();
			source = SecuritySource.ROUTE;
		}
		else {
			security = draft.api.security();
			source = SecuritySource.API;
		}
		if (route.methods().isEmpty()) {
			problems.add(new DeclarationProblem(subject, "maps every HTTP method, but a gateway route names its methods",
					"use @GetMapping, @PostMapping, ... or set method on @RequestMapping"));
			return;
		}
		for (String path : route.paths()) {
			String pathProblem = pathProblem(path);
			if (pathProblem != null) {
				problems.add(new DeclarationProblem(subject, "maps path '" + path + "': " + pathProblem,
						"use literal segments and whole-segment variables such as /files/{id}"));
				continue;
			}
			for (String method : new TreeSet<>(route.methods())) {
				String key = method + " " + VARIABLE.matcher(path).replaceAll("{}");
				String owner = claimed.putIfAbsent(key, "'" + route.api() + "' (handler " + route.handler() + ")");
				if (owner != null) {
					problems.add(new DeclarationProblem(subject,
							"maps " + method + " " + path + " for API '" + route.api()
									+ "', which is already routed to API " + owner,
							"give each method and path to one API only: a gateway sends a request to exactly one"));
					continue;
				}
				draft.routes.add(new RouteManifest(method, path, route.handler(), security, source));
			}
		}
	}

	private static @Nullable String pathProblem(String path) {
		if (!path.startsWith("/")) {
			return "a route path starts with '/'";
		}
		if (path.contains("*") || path.contains("?")) {
			return "wildcards are not portable across the clouds' gateways";
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.contains("{") || segment.contains("}")) {
				if (!segment.startsWith("{") || !segment.endsWith("}") || segment.indexOf('{', 1) >= 0) {
					return "a path variable must be a whole segment";
				}
				if (!PLAIN_VARIABLE.matcher(segment.substring(1, segment.length() - 1)).matches()) {
					return "variable '" + segment + "' has a pattern or an invalid name; gateways match plain {name} only";
				}
			}
		}
		return null;
	}

	private List<BucketManifest> bucketManifests(List<DeclarationProblem> problems) {
		Map<String, Set<BucketVerb>> verbs = new TreeMap<>();
		Map<String, Set<String>> sources = new LinkedHashMap<>();
		for (Declared<Set<BucketVerb>> declared : this.buckets) {
			Set<BucketVerb> bucketVerbs = verbs.get(declared.name());
			if (bucketVerbs == null) {
				bucketVerbs = EnumSet.noneOf(BucketVerb.class);
				verbs.put(declared.name(), bucketVerbs);
				sources.put(declared.name(), new TreeSet<>());
			}
			bucketVerbs.addAll(declared.value());
			sources.get(declared.name()).add(declared.source());
		}
		Map<String, String> physical = new TreeMap<>();
		List<BucketManifest> manifests = new ArrayList<>();
		for (Map.Entry<String, Set<BucketVerb>> bucket : verbs.entrySet()) {
			String name = bucket.getKey();
			String subject = "bucket '" + name + "' (bean " + String.join(", ", sources.get(name)) + ")";
			List<String> nameProblems = BucketNames.problems(name);
			if (!nameProblems.isEmpty()) {
				problems.add(new DeclarationProblem(subject, "has a name the clouds refuse: " + String.join("; ", nameProblems),
						"rename it with " + BucketNames.MIN_LENGTH + " to " + BucketNames.MAX_LENGTH
								+ " letters, digits and single hyphens, starting and ending with a letter or digit"));
			}
			String other = physical.putIfAbsent(BucketNames.physicalBase(name), name);
			if (other != null) {
				problems.add(new DeclarationProblem(subject,
						"has the same lower-case name as bucket '" + other + "', and cloud bucket names are lower case",
						"use one spelling for one bucket, or rename one of them"));
			}
			manifests.add(new BucketManifest(name, bucket.getValue(), List.copyOf(sources.get(name))));
		}
		return manifests;
	}

	private static boolean isAbsoluteHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private record Declared<T>(String source, String name, T value) {
	}

	private record DefinitionOverride(@Nullable String issuer, @Nullable List<String> audiences) {
	}

	private static final class ApiDraft {

		private final String source;

		private final Api api;

		private final List<SecurityDefinition> definitions;

		private final List<RouteManifest> routes = new ArrayList<>();

		ApiDraft(String source, Api api, List<SecurityDefinition> definitions) {
			this.source = source;
			this.api = api;
			this.definitions = definitions;
		}

		ApiManifest toManifest() {
			List<RouteManifest> sorted = new ArrayList<>(this.routes);
			sorted.sort((a, b) -> {
				int byPath = a.path().compareTo(b.path());
				return (byPath != 0) ? byPath : a.method().compareTo(b.method());
			});
			return new ApiManifest(this.api.name(), this.definitions, this.api.security(), sorted);
		}

	}

}
