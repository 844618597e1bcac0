package dev.nitric.spring.manifest;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ManifestAssembler}.
 */
class ManifestAssemblerTests {

	private static final String DEVELOPMENT_ISSUER_URL = "http://localhost:8080/.nitric/issuer";

	private static final SecurityDefinition USER = SecurityDefinition.jwt("user")
		.issuer("https://issuer.example/")
		.audiences("aud");

	@Test
	void assembleWhenDemoDeclarationsThenGivesDemoManifest() {
		assertThat(demo().assemble()).isEqualTo(ManifestJsonTests.demoManifest());
	}

	@Test
	void assembleWhenDemoDeclaredInAnotherOrderThenJsonIsIdentical() {
		Manifest shuffled = ManifestAssembler.forService("demo")
			.route(publicRoute("PlanetsController#unsecuredPlanet", "main", "GET", "/planets/unsecured-planet"))
			.route(securedRoute("PlanetsController#updateUnsecuredPlanet", "main", "POST", "/planets/unsecured-planet",
					SecurityRequirement.of("user", "user.write")))
			.bucket("secureBucket", "secureBucket", EnumSet.of(BucketVerb.WRITE))
			.route(route("PlanetsController#planets", "main", "GET", "/planets"))
			.api("mainApi", mainApi())
			.route(route("ImageController#upload", "imageApi", "POST", "/image"))
			.api("imageApi", Api.named("imageApi"))
			.developmentIssuer(DEVELOPMENT_ISSUER_URL)
			.assemble();
		assertThat(ManifestJson.write(shuffled)).isEqualTo(ManifestJson.write(demo().assemble()));
	}

	@Test
	void assembleWhenDevelopmentIssuerRunsThenResolvesItToItsUrl() {
		ApiManifest main = demo().assemble().api("main").orElseThrow();
		assertThat(main.securityDefinition("user").orElseThrow().issuer()).isEqualTo(DEVELOPMENT_ISSUER_URL);
	}

	@Test
	void assembleSortsApisByNameRoutesByPathThenMethodAndBucketsByName() {
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("zApi", Api.named("zeta"))
			.api("aApi", Api.named("alpha"))
			.route(route("C#postB", "alpha", "POST", "/b"))
			.route(route("C#getB", "alpha", "GET", "/b"))
			.route(route("C#putA", "alpha", "PUT", "/a"))
			.route(route("C#getA", "alpha", "GET", "/a"))
			.bucket("zb", "zeta-bucket", EnumSet.of(BucketVerb.READ))
			.bucket("ab", "alpha-bucket", EnumSet.of(BucketVerb.READ))
			.assemble();
		assertThat(manifest.apis()).extracting(ApiManifest::name).containsExactly("alpha", "zeta");
		assertThat(manifest.api("alpha").orElseThrow().routes()).extracting((route) -> route.method() + " " + route.path())
			.containsExactly("GET /a", "PUT /a", "GET /b", "POST /b");
		assertThat(manifest.buckets()).extracting(BucketManifest::name).containsExactly("alpha-bucket", "zeta-bucket");
	}

	@Test
	void assembleSortsSecurityDefinitionsByName() {
		Api api = Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("zeta").issuer("https://z.example/").audiences("z"))
			.securityDefinition(SecurityDefinition.jwt("alpha").issuer("https://a.example/").audiences("a"));
		Manifest manifest = ManifestAssembler.forService("svc").api("mainApi", api).assemble();
		assertThat(manifest.api("main").orElseThrow().securityDefinitions()).extracting(SecurityDefinition::name)
			.containsExactly("alpha", "zeta");
	}

	@Test
	void assembleWhenHandlerMapsSeveralMethodsAndPathsThenGivesOneRouteEach() {
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("a", Api.named("a"))
			.route(new RouteDeclaration("C#m", "a", Set.of("POST", "GET"), List.of("/y", "/x/{id}"), false,
					Collections.emptyList()))
			.assemble();
		assertThat(manifest.api("a").orElseThrow().routes()).extracting((route) -> route.method() + " " + route.path())
			.containsExactly("GET /x/{id}", "POST /x/{id}", "GET /y", "POST /y");
	}

	@Test
	void assembleWhenBucketDeclaredSeveralTimesThenMergesVerbsAndSortsDeclaredBy() {
		Manifest manifest = ManifestAssembler.forService("svc")
			.bucket("writer", "images", EnumSet.of(BucketVerb.WRITE))
			.bucket("reader", "images", EnumSet.of(BucketVerb.READ))
			.bucket("cleaner", "images", EnumSet.of(BucketVerb.DELETE, BucketVerb.WRITE))
			.assemble();
		assertThat(manifest.buckets()).singleElement().satisfies((bucket) -> {
			assertThat(bucket.name()).isEqualTo("images");
			assertThat(bucket.verbs()).containsExactlyInAnyOrder(BucketVerb.READ, BucketVerb.WRITE, BucketVerb.DELETE);
			assertThat(bucket.declaredBy()).containsExactly("cleaner", "reader", "writer");
		});
	}

	@Test
	void assembleWhenIssuerAndAudiencesConfiguredThenConfigurationWins() {
		Api api = Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://code.example/").audiences("code"));
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("mainApi", api)
			.override("main", "user", "https://config.example/", List.of("config-1", "config-2"))
			.assemble();
		SecurityDefinition user = manifest.api("main").orElseThrow().securityDefinition("user").orElseThrow();
		assertThat(user.issuer()).isEqualTo("https://config.example/");
		assertThat(user.audiences()).containsExactly("config-1", "config-2");
	}

	@Test
	void assembleWhenOnlyIssuerConfiguredThenKeepsAudiencesFromCode() {
		Api api = Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://code.example/").audiences("code"));
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("mainApi", api)
			.override("main", "user", "https://config.example/", null)
			.assemble();
		SecurityDefinition user = manifest.api("main").orElseThrow().securityDefinition("user").orElseThrow();
		assertThat(user.issuer()).isEqualTo("https://config.example/");
		assertThat(user.audiences()).containsExactly("code");
	}

	@Test
	void assembleWhenIssuerMissingInCodeButConfiguredThenSucceeds() {
		Api api = Api.named("main").securityDefinition(SecurityDefinition.jwt("user").audiences("aud"));
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("mainApi", api)
			.override("main", "user", "https://config.example/", null)
			.assemble();
		assertThat(manifest.api("main").orElseThrow().securityDefinition("user").orElseThrow().issuer())
			.isEqualTo("https://config.example/");
	}

	@Test
	void assembleWhenRouteSecurityUsesUnknownDefinitionThenFailsNamingHandlerAndDeclaredDefinitions() {
		DeclarationProblem problem = singleProblem(secured()
			.route(securedRoute("Orders#list", "main", "GET", "/orders", SecurityRequirement.of("admin"))));
		assertThat(problem.subject()).isEqualTo("handler Orders#list");
		assertThat(problem.problem()).contains("@RouteSecurity").contains("unknown security definition 'admin'");
		assertThat(problem.fix()).isEqualTo("use one that API 'main' declares: [user]");
	}

	@Test
	void assembleWhenApiSecurityUsesUnknownDefinitionThenFailsNamingApiBean() {
		Api api = Api.named("main").securityDefinition(USER).security("admin");
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("mainApi", api));
		assertThat(problem.subject()).isEqualTo("API bean 'mainApi' (API 'main')");
		assertThat(problem.problem()).isEqualTo("its API-level security requires the unknown security definition 'admin'");
		assertThat(problem.fix()).contains("[user]");
	}

	@Test
	void assembleWhenRouteHasScopesButApiHasNoDefinitionsThenFailsTellingToDeclareDefinition() {
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc")
			.api("openApi", Api.named("open"))
			.route(securedRoute("Orders#create", "open", "POST", "/orders",
					SecurityRequirement.of("user", "user.write"))));
		assertThat(problem.subject()).isEqualTo("handler Orders#create");
		assertThat(problem.problem()).isEqualTo("its @RouteSecurity requires security definition 'user' with scopes "
				+ "[user.write], but API 'open' has no security definitions");
		assertThat(problem.fix()).contains("securityDefinition(SecurityDefinition.jwt(\"user\")");
	}

	@Test
	void assembleWhenApiSecurityWithoutScopesButApiHasNoDefinitionsThenFails() {
		DeclarationProblem problem = singleProblem(
				ManifestAssembler.forService("svc").api("openApi", Api.named("open").security("user")));
		assertThat(problem.subject()).isEqualTo("API bean 'openApi' (API 'open')");
		assertThat(problem.problem()).isEqualTo(
				"its API-level security requires security definition 'user', but API 'open' has no security definitions");
	}

	@Test
	void assembleWhenTwoApisClaimSameMethodAndPathThenFailsNamingBoth() {
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc")
			.api("aApi", Api.named("a"))
			.api("bApi", Api.named("b"))
			.route(route("First#get", "a", "GET", "/items"))
			.route(route("Second#get", "b", "GET", "/items")));
		assertThat(problem.subject()).isEqualTo("handler Second#get");
		assertThat(problem.problem()).contains("GET /items").contains("API 'b'").contains("API 'a' (handler First#get)");
		assertThat(problem.fix()).contains("one API only");
	}

	@Test
	void assembleWhenTwoApisClaimSamePathWithDifferentVariableNamesThenFails() {
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc")
			.api("aApi", Api.named("a"))
			.api("bApi", Api.named("b"))
			.route(route("First#get", "a", "GET", "/a/{x}"))
			.route(route("Second#get", "b", "GET", "/a/{y}")));
		assertThat(problem.subject()).isEqualTo("handler Second#get");
		assertThat(problem.problem()).contains("GET /a/{y}").contains("API 'a' (handler First#get)");
	}

	@Test
	void assembleWhenTwoApisUseSamePathWithDifferentMethodsThenSucceeds() {
		Manifest manifest = ManifestAssembler.forService("svc")
			.api("aApi", Api.named("a"))
			.api("bApi", Api.named("b"))
			.route(route("First#get", "a", "GET", "/items"))
			.route(route("Second#post", "b", "POST", "/items"))
			.assemble();
		assertThat(manifest.apis()).extracting((api) -> api.routes().size()).containsExactly(1, 1);
	}

	@ParameterizedTest(name = "{0} is refused by {1}")
	@CsvSource(delimiter = '|', value = { "my_bucket | AWS and Azure", "my.bucket | Azure", "googlebucket | GCP",
			"goog-x | GCP", "my-google-files | GCP", "xn--abc | AWS", "a--b | Azure", "ab | all clouds",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghi | all clouds", "-abc | all clouds",
			"abc- | all clouds", "192.168.1.1 | AWS and GCP", "my bucket | all clouds" })
	void assembleWhenBucketNameRefusedThenFailsNamingBucketAndCloud(String name, String cloud) {
		DeclarationProblem problem = singleProblem(
				ManifestAssembler.forService("svc").bucket("filesBean", name, EnumSet.of(BucketVerb.READ)));
		assertThat(problem.subject()).isEqualTo("bucket '" + name + "' (bean filesBean)");
		assertThat(problem.problem()).startsWith("has a name the clouds refuse: ").contains(cloud + ": ");
		assertThat(problem.fix()).startsWith("rename it with 3 to 48 letters, digits and single hyphens");
	}

	@Test
	void assembleWhenTwoBucketsDifferOnlyInCaseThenFailsNamingBoth() {
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc")
			.bucket("oneBean", "secureBucket", EnumSet.of(BucketVerb.READ))
			.bucket("otherBean", "securebucket", EnumSet.of(BucketVerb.WRITE)));
		assertThat(problem.subject()).contains("securebucket").contains("otherBean");
		assertThat(problem.problem()).contains("'secureBucket'").contains("same lower-case name");
		assertThat(problem.fix()).contains("use one spelling");
	}

	@Test
	void assembleWhenDefinitionHasNoIssuerThenFailsNamingDefinitionAndProperty() {
		Api api = Api.named("main").securityDefinition(SecurityDefinition.jwt("user").audiences("aud"));
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("mainApi", api));
		assertThat(problem.subject()).isEqualTo("security definition 'user' of API 'main' (bean 'mainApi')");
		assertThat(problem.problem()).isEqualTo("has no issuer");
		assertThat(problem.fix()).contains("issuer(\"https://your-issuer/\")")
			.contains("nitric.apis.main.security-definitions.user.issuer");
	}

	@Test
	void assembleWhenDevelopmentIssuerDoesNotRunThenFailsTellingToConfigureRealIssuer() {
		DeclarationProblem problem = singleProblem(demo().developmentIssuer(null));
		assertThat(problem.subject()).isEqualTo("security definition 'user' of API 'main' (bean 'mainApi')");
		assertThat(problem.problem()).contains("development issuer").contains("behind-gateway");
		assertThat(problem.fix()).contains("set nitric.apis.main.security-definitions.user.issuer");
	}

	@Test
	void assembleWhenIssuerIsNotUrlThenFailsNamingIssuer() {
		Api api = Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("auth.example.com").audiences("aud"));
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("mainApi", api));
		assertThat(problem.subject()).isEqualTo("security definition 'user' of API 'main' (bean 'mainApi')");
		assertThat(problem.problem()).contains("'auth.example.com'").contains("not an absolute http(s) URL");
		assertThat(problem.fix()).contains("iss claim");
	}

	@Test
	void assembleWhenIssuerHasOtherSchemeThenFails() {
		Api api = Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("ftp://auth.example.com/").audiences("aud"));
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("mainApi", api));
		assertThat(problem.problem()).contains("not an absolute http(s) URL");
	}

	@Test
	void assembleWhenAudiencesEmptyThenFailsNamingDefinitionAndProperty() {
		Api api = Api.named("main").securityDefinition(SecurityDefinition.jwt("user").issuer("https://issuer.example/"));
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("mainApi", api));
		assertThat(problem.subject()).isEqualTo("security definition 'user' of API 'main' (bean 'mainApi')");
		assertThat(problem.problem()).startsWith("has no audiences");
		assertThat(problem.fix()).contains("audiences(\"...\")")
			.contains("nitric.apis.main.security-definitions.user.audiences");
	}

	@Test
	void assembleWhenConfiguredAudiencesEmptyThenFails() {
		DeclarationProblem problem = singleProblem(
				secured().override("main", "user", null, Collections.emptyList()));
		assertThat(problem.problem()).startsWith("has no audiences");
	}

	@Test
	void assembleWhenRouteAttachedToUnknownApiThenFailsNamingHandlerAndDeclaredApis() {
		DeclarationProblem problem = singleProblem(secured().route(route("Orders#list", "orders", "GET", "/orders")));
		assertThat(problem.subject()).isEqualTo("handler Orders#list");
		assertThat(problem.problem()).isEqualTo("is attached to API 'orders', which no Api bean declares");
		assertThat(problem.fix()).contains("Api.named(\"orders\")").contains("[main]");
	}

	@Test
	void assembleWhenSecurityAnnotationsWithoutApiThenFailsTellingToAddNitricApi() {
		DeclarationProblem problem = singleProblem(secured().route(publicRoute("Orders#list", null, "GET", "/orders")));
		assertThat(problem.subject()).isEqualTo("handler Orders#list");
		assertThat(problem.problem()).contains("belongs to no API");
		assertThat(problem.fix()).contains("@NitricApi(");
	}

	@Test
	void assembleWhenPublicRouteAlsoHasRouteSecurityThenFails() {
		DeclarationProblem problem = singleProblem(secured().route(new RouteDeclaration("Orders#list", "main",
				Set.of("GET"), List.of("/orders"), true, List.of(SecurityRequirement.of("user")))));
		assertThat(problem.subject()).isEqualTo("handler Orders#list");
		assertThat(problem.problem()).isEqualTo("is both @PublicRoute and @RouteSecurity");
		assertThat(problem.fix()).contains("keep @PublicRoute").contains("or @RouteSecurity");
	}

	@Test
	void assembleWhenHandlerMapsEveryMethodThenFailsTellingToNameMethods() {
		DeclarationProblem problem = singleProblem(secured().route(new RouteDeclaration("Orders#any", "main",
				Collections.emptySet(), List.of("/orders"), false, Collections.emptyList())));
		assertThat(problem.subject()).isEqualTo("handler Orders#any");
		assertThat(problem.problem()).contains("maps every HTTP method");
		assertThat(problem.fix()).contains("@GetMapping");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "/files/* | wildcards", "/files/** | wildcards", "/files/? | wildcards",
			"/files/{id:\\d+} | has a pattern or an invalid name", "/files/{1id} | has a pattern or an invalid name",
			"/files/img-{id} | a path variable must be a whole segment",
			"/files/{id}.png | a path variable must be a whole segment", "files | a route path starts with '/'" })
	void assembleWhenPathIsNotPortableThenFailsNamingPath(String path, String reason) {
		DeclarationProblem problem = singleProblem(secured().route(route("Files#get", "main", "GET", path)));
		assertThat(problem.subject()).isEqualTo("handler Files#get");
		assertThat(problem.problem()).startsWith("maps path '" + path + "': ").contains(reason);
		assertThat(problem.fix()).contains("/files/{id}");
	}

	@Test
	void assembleWhenPropertyConfiguresUnknownApiThenFailsNamingProperty() {
		DeclarationProblem problem = singleProblem(secured().override("orders", "user", "https://x.example/", null));
		assertThat(problem.subject()).isEqualTo("property nitric.apis.orders.security-definitions.user");
		assertThat(problem.problem()).contains("API 'orders', which no Api bean declares");
		assertThat(problem.fix()).contains("(declared: [main])");
	}

	@Test
	void assembleWhenPropertyConfiguresUnknownDefinitionThenFailsNamingProperty() {
		DeclarationProblem problem = singleProblem(secured().override("main", "admin", "https://x.example/", null));
		assertThat(problem.subject()).isEqualTo("property nitric.apis.main.security-definitions.admin");
		assertThat(problem.problem()).contains("security definition 'admin', which API 'main' does not declare");
		assertThat(problem.fix()).contains("(declared: [user])");
	}

	@Test
	void assembleWhenTwoApiBeansDeclareSameNameThenFailsNamingBothBeans() {
		DeclarationProblem problem = singleProblem(secured().api("otherApi", Api.named("main")));
		assertThat(problem.subject()).isEqualTo("API beans 'mainApi' and 'otherApi'");
		assertThat(problem.problem()).isEqualTo("both declare the API 'main'");
		assertThat(problem.fix()).isEqualTo("give each API bean its own name");
	}

	@Test
	void assembleWhenSeveralProblemsThenReportsThemAllTogether() {
		InvalidDeclarationsException ex = failure(secured().bucket("filesBean", "my_files", EnumSet.of(BucketVerb.READ))
			.route(route("Orders#list", "orders", "GET", "/orders")));
		assertThat(ex.getProblems()).extracting(DeclarationProblem::subject)
			.containsExactlyInAnyOrder("handler Orders#list", "bucket 'my_files' (bean filesBean)");
		assertThat(ex.getMessage()).startsWith("2 invalid Nitric declarations:\n  - ")
			.contains("handler Orders#list: is attached to API 'orders'")
			.contains("bucket 'my_files' (bean filesBean): has a name");
	}

	@Test
	void assembleWhenOneProblemThenMessageUsesSingular() {
		InvalidDeclarationsException ex = failure(secured().route(route("Orders#list", "orders", "GET", "/orders")));
		assertThat(ex.getMessage()).startsWith("1 invalid Nitric declaration:\n  - handler Orders#list: ");
	}

	private static ManifestAssembler demo() {
		return ManifestAssembler.forService("demo")
			.developmentIssuer(DEVELOPMENT_ISSUER_URL)
			.api("imageApi", Api.named("imageApi"))
			.api("mainApi", mainApi())
			.bucket("secureBucket", "secureBucket", EnumSet.of(BucketVerb.WRITE))
			.route(route("ImageController#upload", "imageApi", "POST", "/image"))
			.route(route("PlanetsController#planets", "main", "GET", "/planets"))
			.route(publicRoute("PlanetsController#unsecuredPlanet", "main", "GET", "/planets/unsecured-planet"))
			.route(securedRoute("PlanetsController#updateUnsecuredPlanet", "main", "POST", "/planets/unsecured-planet",
					SecurityRequirement.of("user", "user.write")));
	}

	private static Api mainApi() {
		return Api.named("main")
			.securityDefinition(
					SecurityDefinition.jwt("user").developmentIssuer().audiences("https://test-security-definition/"))
			.security("user");
	}

	private static ManifestAssembler secured() {
		return ManifestAssembler.forService("svc")
			.api("mainApi", Api.named("main").securityDefinition(USER).security("user"))
			.route(route("Orders#get", "main", "GET", "/orders/{id}"));
	}

	private static RouteDeclaration route(String handler, @Nullable String api, String method, String path) {
		return new RouteDeclaration(handler, api, Set.of(method), List.of(path), false, Collections.emptyList());
	}

	private static RouteDeclaration publicRoute(String handler, @Nullable String api, String method, String path) {
		return new RouteDeclaration(handler, api, Set.of(method), List.of(path), true, Collections.emptyList());
	}

	private static RouteDeclaration securedRoute(String handler, String api, String method, String path,
			SecurityRequirement requirement) {
		return new RouteDeclaration(handler, api, Set.of(method), List.of(path), false, List.of(requirement));
	}

	private static InvalidDeclarationsException failure(ManifestAssembler assembler) {
		InvalidDeclarationsException ex = catchThrowableOfType(InvalidDeclarationsException.class, assembler::assemble);
		assertThat(ex).as("assemble() throws InvalidDeclarationsException").isNotNull();
		return ex;
	}

	private static DeclarationProblem singleProblem(ManifestAssembler assembler) {
		List<DeclarationProblem> problems = failure(assembler).getProblems();
		assertThat(problems).hasSize(1);
		return problems.get(0);
	}

	@Test
	void assembleWhenRouteOffersAlternativesAndAwsIsATargetThenFailsBecauseAwsRoutesHaveOneAuthorizer() {
		Api api = Api.named("a")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://one.example.com/").audiences("x"))
			.securityDefinition(SecurityDefinition.jwt("partner").issuer("https://two.example.com/").audiences("x"))
			.security("user")
			.security("partner");
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("aApi", api));
		assertThat(problem.problem()).contains("2 alternative requirements").contains("exactly one JWT authorizer");
		assertThat(ManifestAssembler.forService("svc").api("aApi", api).clouds(EnumSet.of(Cloud.GCP, Cloud.AZURE))
			.assemble()
			.api("a")).isPresent();
	}

	@Test
	void assembleWhenTwoDefinitionsShareAnIssuerAndGcpIsATargetThenFails() {
		Api api = Api.named("a")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://one.example.com/").audiences("x"))
			.securityDefinition(SecurityDefinition.jwt("admin").issuer("https://one.example.com/").audiences("y"));
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("aApi", api));
		assertThat(problem.problem()).contains("share the issuer https://one.example.com/")
			.contains("GCP API Gateway tells definitions apart by issuer");
		assertThat(ManifestAssembler.forService("svc").api("aApi", api).clouds(EnumSet.of(Cloud.AWS)).assemble().api("a"))
			.isPresent();
	}

	@Test
	void assembleWhenRouteListsMoreScopesThanAwsAllowsThenFails() {
		Api api = Api.named("a")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://one.example.com/").audiences("x"))
			.security("user", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11");
		DeclarationProblem problem = singleProblem(ManifestAssembler.forService("svc").api("aApi", api));
		assertThat(problem.problem()).contains("11 scopes; AWS allows at most 10");
	}

}
