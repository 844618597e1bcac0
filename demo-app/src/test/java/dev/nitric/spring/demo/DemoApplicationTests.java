package dev.nitric.spring.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import dev.nitric.spring.autoconfigure.manifest.NitricManifestExporter;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityRequirement;
import dev.nitric.spring.test.ManifestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * End-to-end tests of the demo: the manifest on the actuator and the image upload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = GatewayFidelityTestSupport.EXCLUDE_SECURITY)
class DemoApplicationTests {

	@TempDir
	static Path buckets;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("nitric.storage.local.root", () -> buckets.toString());
	}

	@Test
	void actuatorNitricShowsBothApisTheirRoutesAndTheWriteOnlyBucket() throws Exception {
		HttpResponse<String> response = get("/actuator/nitric");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(ManifestSchema.violations(response.body())).isEmpty();
		Manifest manifest = ManifestJson.read(response.body());
		assertThat(manifest.service()).isEqualTo("demo-app");
		assertThat(manifest.buckets()).singleElement().satisfies((bucket) -> {
			assertThat(bucket.name()).isEqualTo("secureBucket");
			assertThat(bucket.verbs()).containsExactly(BucketVerb.WRITE);
		});
		assertThat(manifest.apis()).extracting(ApiManifest::name).containsExactly("imageApi", "main");
		assertThat(manifest.api("imageApi").orElseThrow().routes())
			.extracting(RouteManifest::method, RouteManifest::path, RouteManifest::isPublic)
			.containsExactly(tuple("POST", "/image", true));
		ApiManifest main = manifest.api("main").orElseThrow();
		assertThat(main.securityDefinition("user").orElseThrow().audiences())
			.containsExactly("https://test-security-definition/");
		assertThat(main.security()).containsExactly(SecurityRequirement.of("user"));
		assertThat(main.routes())
			.extracting(RouteManifest::method, RouteManifest::path, RouteManifest::security, RouteManifest::securitySource)
			.containsExactly(tuple("GET", "/planets", main.security(), SecuritySource.API),
					tuple("GET", "/planets/unsecured-planet", List.of(), SecuritySource.ROUTE),
					tuple("POST", "/planets/unsecured-planet",
							List.of(SecurityRequirement.of("user", "user.write")), SecuritySource.ROUTE));
	}

	@Test
	void exporterWritesTheSameManifestAsTheActuatorByteForByte(@TempDir Path out) throws Exception {
		Path first = NitricManifestExporter.export(DemoApplication.class.getName(), out.resolve("first.json"),
				new String[] { "--nitric.storage.local.root=" + buckets, "--" + GatewayFidelityTestSupport.EXCLUDE_SECURITY });
		Path second = NitricManifestExporter.export(DemoApplication.class.getName(), out.resolve("second.json"),
				new String[] { "--nitric.storage.local.root=" + buckets, "--" + GatewayFidelityTestSupport.EXCLUDE_SECURITY });
		assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
		assertThat(Files.readString(first)).isEqualTo(get("/actuator/nitric").body());
	}

	@Test
	void postImageWritesSecretImageToTheSecureBucket() throws Exception {
		byte[] image = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };
		String body = "{\"imageData\":\"" + Base64.getEncoder().encodeToString(image) + "\"}";
		HttpResponse<String> response = post("/image", body);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(buckets.resolve("secureBucket/secret-image.png")).hasBinaryContent(image);
	}

	@Test
	void postImageWithInvalidBase64AnswersBadRequestAndWritesNothing() throws Exception {
		Files.deleteIfExists(buckets.resolve("secureBucket/secret-image.png"));
		HttpResponse<String> response = post("/image", "{\"imageData\":\"not base64!\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("imageData is not valid base64");
		assertThat(buckets.resolve("secureBucket/secret-image.png")).doesNotExist();
	}

	@Test
	void everyGatewayDecisionIsCountedOnTheActuator() throws Exception {
		assertThat(get("/planets").statusCode()).isEqualTo(401);
		HttpResponse<String> metric = get("/actuator/metrics/nitric.gateway.decisions?tag=reason:missing-token");
		assertThat(metric.statusCode()).isEqualTo(200);
		assertThat(metric.body()).contains("\"COUNT\"").contains("\"outcome\"").doesNotContain("\"value\":0.0");
	}

	@Test
	void healthIsExposed() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"UP\"");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
