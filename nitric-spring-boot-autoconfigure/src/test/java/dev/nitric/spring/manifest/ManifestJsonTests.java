package dev.nitric.spring.manifest;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManifestJson}.
 */
class ManifestJsonTests {

	private static final String SMALL_JSON = """
			{
			  "version": 1,
			  "service": "demo",
			  "apis": [
			    {
			      "name": "main",
			      "securityDefinitions": [
			        {
			          "name": "user",
			          "kind": "jwt",
			          "issuer": "https://issuer.example/",
			          "audiences": ["aud"]
			        }
			      ],
			      "security": [
			        {
			          "definition": "user",
			          "scopes": []
			        }
			      ],
			      "routes": [
			        {
			          "method": "GET",
			          "path": "/planets",
			          "handler": "Planets#list",
			          "security": [
			            {
			              "definition": "user",
			              "scopes": []
			            }
			          ],
			          "securitySource": "api"
			        }
			      ]
			    }
			  ],
			  "buckets": [
			    {
			      "name": "secureBucket",
			      "verbs": ["write"],
			      "declaredBy": ["secureBucket"]
			    }
			  ]
			}
			""";

	@Test
	void writeThenReadGivesEqualManifest() {
		Manifest manifest = demoManifest();
		assertThat(ManifestJson.read(ManifestJson.write(manifest))).isEqualTo(manifest);
	}

	@Test
	void writeWhenCalledTwiceThenGivesIdenticalText() {
		assertThat(ManifestJson.write(demoManifest())).isEqualTo(ManifestJson.write(demoManifest()));
	}

	@Test
	void writeUsesFixedMemberOrderTwoSpaceIndentationAndFinalNewline() {
		String json = ManifestJson.write(smallManifest());
		assertThat(json).isEqualTo(SMALL_JSON);
		assertThat(json).endsWith("}\n").doesNotContain("\r");
	}

	@Test
	void writeWhenVerbsGivenInAnyOrderThenListsThemInVerbOrder() {
		Manifest manifest = new Manifest(1, "demo", Collections.emptyList(), List.of(new BucketManifest("b1b",
				EnumSet.of(BucketVerb.DELETE, BucketVerb.WRITE, BucketVerb.READ), List.of("one"))));
		assertThat(ManifestJson.write(manifest)).contains("\"verbs\": [\"read\", \"write\", \"delete\"]");
	}

	@Test
	void writeThenReadWhenStringsNeedEscapingThenRoundTrips() {
		String service = "quote\" backslash\\ slash/ newline\n return\r tab\t backspace\b formfeed\f nul\u0000 unit\u001f é ☃";
		Manifest manifest = new Manifest(1, service, Collections.emptyList(),
				List.of(new BucketManifest("b1b", EnumSet.of(BucketVerb.READ), List.of("bean \"x\" \\ y"))));
		String json = ManifestJson.write(manifest);
		assertThat(json).contains("quote\\\" backslash\\\\ slash/ newline\\n return\\r tab\\t backspace\\b formfeed\\f "
				+ "nul\\u0000 unit\\u001f é ☃");
		assertThat(json.chars().filter((c) -> c < 0x20 && c != '\n')).isEmpty();
		assertThat(ManifestJson.read(json)).isEqualTo(manifest);
	}

	@Test
	void readWhenUnicodeAndSolidusEscapesThenDecodesThem() {
		String json = SMALL_JSON.replace("\"service\": \"demo\"", "\"service\": \"d\\u00e9mo\\/x\"");
		assertThat(ManifestJson.read(json).service()).isEqualTo("démo/x");
	}

	@Test
	void readWhenMemberDuplicatedThenFailsNamingIt() {
		String json = SMALL_JSON.replace("\"service\": \"demo\",", "\"service\": \"demo\",\n  \"service\": \"other\",");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageStartingWith("The manifest is not valid JSON")
			.withMessageContaining("duplicate member name \"service\"");
	}

	@Test
	void readWhenTrailingCommaInArrayThenFails() {
		String json = SMALL_JSON.replace("\"verbs\": [\"write\"]", "\"verbs\": [\"write\",]");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageStartingWith("The manifest is not valid JSON")
			.withMessageContaining("trailing comma");
	}

	@Test
	void readWhenTrailingCommaInObjectThenFails() {
		String json = SMALL_JSON.replace("\"declaredBy\": [\"secureBucket\"]", "\"declaredBy\": [\"secureBucket\"],");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageStartingWith("The manifest is not valid JSON")
			.withMessageContaining("trailing comma");
	}

	@Test
	void readWhenMemberMissingThenFailsNamingPath() {
		String json = SMALL_JSON.replace("\"handler\": \"Planets#list\",", "");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].routes[0].handler: missing");
	}

	@Test
	void readWhenTopLevelMemberMissingThenFailsNamingPath() {
		String json = SMALL_JSON.replace("\"service\": \"demo\",", "");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.service: missing");
	}

	@Test
	void readWhenMethodIsNotStringThenFailsNamingPath() {
		String json = SMALL_JSON.replace("\"method\": \"GET\"", "\"method\": 1");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].routes[0].method: expected a string");
	}

	@Test
	void readWhenRoutesIsNotArrayThenFailsNamingPath() {
		String json = "{\"version\": 1, \"service\": \"demo\", \"apis\": [{\"name\": \"main\", "
				+ "\"securityDefinitions\": [], \"security\": [], \"routes\": {}}], \"buckets\": []}";
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].routes: expected an array");
	}

	@Test
	void readWhenApiIsNotObjectThenFailsNamingPath() {
		String json = "{\"version\": 1, \"service\": \"demo\", \"apis\": [\"main\"], \"buckets\": []}";
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0]: expected an object");
	}

	@Test
	void readWhenRootIsNotObjectThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read("[]"))
			.withMessage("manifest: expected an object");
	}

	@Test
	void readWhenVersionIsStringThenFailsNamingPath() {
		String json = SMALL_JSON.replace("\"version\": 1", "\"version\": \"1\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.version: expected a number");
	}

	@Test
	void readWhenVersionUnknownThenFailsNamingSupportedVersion() {
		String json = SMALL_JSON.replace("\"version\": 1", "\"version\": 2");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.version: version 2 is not supported; this version of Nitric reads version 1");
	}

	@Test
	void readWhenVersionIsFractionThenFails() {
		String json = SMALL_JSON.replace("\"version\": 1", "\"version\": 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.version: expected an integer");
	}

	@Test
	void readWhenSecuritySourceUnknownThenFailsNamingPathAndValue() {
		String json = SMALL_JSON.replace("\"securitySource\": \"api\"", "\"securitySource\": \"gateway\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].routes[0].securitySource: unknown value 'gateway'");
	}

	@Test
	void readWhenSecuritySourceInUpperCaseThenFails() {
		String json = SMALL_JSON.replace("\"securitySource\": \"api\"", "\"securitySource\": \"API\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].routes[0].securitySource: unknown value 'API'");
	}

	@Test
	void readWhenVerbUnknownThenFailsNamingPathAndValue() {
		String json = SMALL_JSON.replace("\"verbs\": [\"write\"]", "\"verbs\": [\"write\", \"list\"]");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.buckets[0].verbs[1]: unknown value 'list'");
	}

	@Test
	void readWhenKindUnknownThenFailsNamingPath() {
		String json = SMALL_JSON.replace("\"kind\": \"jwt\"", "\"kind\": \"apikey\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].securityDefinitions[0].kind: unknown kind 'apikey' (expected jwt)");
	}

	@Test
	void readWhenScopeIsNotStringThenFailsNamingPath() {
		String json = SMALL_JSON.replaceFirst("\"scopes\": \\[\\]", "\"scopes\": [true]");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessage("manifest.apis[0].security[0].scopes[0]: expected a string");
	}

	@Test
	void readWhenNotJsonThenFailsSayingSo() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read("version: 1"))
			.withMessageStartingWith("The manifest is not valid JSON: Invalid JSON at character 0");
	}

	@Test
	void readWhenEmptyThenFailsSayingSo() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(""))
			.withMessage("The manifest is not valid JSON: Invalid JSON at character 0: unexpected end of the document");
	}

	@Test
	void readWhenContentAfterDocumentThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(SMALL_JSON + "{}"))
			.withMessageContaining("unexpected content after the document");
	}

	@Test
	void readWhenCommentThenFails() {
		String json = SMALL_JSON.replace("\"version\": 1,", "\"version\": 1, // the version");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageStartingWith("The manifest is not valid JSON");
	}

	@Test
	void readWhenRawControlCharacterInStringThenFails() {
		String json = SMALL_JSON.replace("\"service\": \"demo\"", "\"service\": \"de\tmo\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageContaining("control character in a string");
	}

	@Test
	void readWhenUnicodeEscapeIsNotFourHexDigitsThenFails() {
		String json = SMALL_JSON.replace("\"service\": \"demo\"", "\"service\": \"\\u+041\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageContaining("invalid \\u escape");
	}

	@Test
	void readWhenNumberHasLeadingZeroThenFails() {
		String json = SMALL_JSON.replace("\"version\": 1", "\"version\": 01");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestJson.read(json))
			.withMessageContaining("invalid number '01'");
	}

	static Manifest smallManifest() {
		SecurityRequirement user = SecurityRequirement.of("user");
		SecurityDefinition definition = SecurityDefinition.jwt("user")
			.issuer("https://issuer.example/")
			.audiences("aud");
		RouteManifest route = new RouteManifest("GET", "/planets", "Planets#list", List.of(user), SecuritySource.API);
		ApiManifest api = new ApiManifest("main", List.of(definition), List.of(user), List.of(route));
		BucketManifest bucket = new BucketManifest("secureBucket", EnumSet.of(BucketVerb.WRITE),
				List.of("secureBucket"));
		return new Manifest(1, "demo", List.of(api), List.of(bucket));
	}

	static Manifest demoManifest() {
		SecurityRequirement user = SecurityRequirement.of("user");
		SecurityDefinition definition = SecurityDefinition.jwt("user")
			.issuer("http://localhost:8080/.nitric/issuer")
			.audiences("https://test-security-definition/");
		ApiManifest imageApi = new ApiManifest("imageApi", Collections.emptyList(), Collections.emptyList(),
				List.of(new RouteManifest("POST", "/image", "ImageController#upload", Collections.emptyList(),
						SecuritySource.API)));
		ApiManifest main = new ApiManifest("main", List.of(definition), List.of(user),
				List.of(new RouteManifest("GET", "/planets", "PlanetsController#planets", List.of(user),
						SecuritySource.API),
						new RouteManifest("GET", "/planets/unsecured-planet", "PlanetsController#unsecuredPlanet",
								Collections.emptyList(), SecuritySource.ROUTE),
						new RouteManifest("POST", "/planets/unsecured-planet",
								"PlanetsController#updateUnsecuredPlanet",
								List.of(SecurityRequirement.of("user", "user.write")), SecuritySource.ROUTE)));
		BucketManifest bucket = new BucketManifest("secureBucket", EnumSet.of(BucketVerb.WRITE),
				List.of("secureBucket"));
		return new Manifest(1, "demo", List.of(imageApi, main), List.of(bucket));
	}

}
