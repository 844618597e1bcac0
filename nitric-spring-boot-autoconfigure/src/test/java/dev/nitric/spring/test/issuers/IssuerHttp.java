package dev.nitric.spring.test.issuers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import dev.nitric.spring.json.Json;

/**
 * The few HTTP calls the fixtures make to their issuers: discovery and the token endpoint.
 */
final class IssuerHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private IssuerHttp() {
	}

	/**
	 * GET a JSON object.
	 * @param uri the address
	 * @return the object
	 * @throws IOException if the call fails or does not answer 200 with a JSON object
	 */
	static Map<?, ?> getJsonObject(URI uri) throws IOException {
		String body = get(uri);
		if (!(Json.parse(body) instanceof Map<?, ?> object)) {
			throw new IOException("GET " + uri + " did not answer a JSON object: " + body);
		}
		return object;
	}

	/**
	 * GET a document.
	 * @param uri the address
	 * @return the body
	 * @throws IOException if the call fails or does not answer 200
	 */
	static String get(URI uri) throws IOException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * POST a client_credentials token request (client_secret_basic) and return the access token.
	 * @param issuer the issuer, to find the token endpoint in its discovery document
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param parameters the form parameters besides {@code grant_type}
	 * @return the access token
	 * @throws IllegalStateException if the issuer does not answer 200 with an access token
	 */
	static String clientCredentials(OidcIssuer issuer, String clientId, String clientSecret,
			Map<String, String> parameters) {
		try {
			Map<?, ?> discovery = getJsonObject(issuer.discoveryUri());
			URI tokenEndpoint = URI.create((String) discovery.get("token_endpoint"));
			String form = "grant_type=client_credentials" + parameters.entrySet()
				.stream()
				.map((entry) -> "&" + encode(entry.getKey()) + "=" + encode(entry.getValue()))
				.collect(Collectors.joining());
			String basic = Base64.getEncoder()
				.encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> response = send(HttpRequest.newBuilder(tokenEndpoint)
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
			if (response.statusCode() != 200
					|| !(Json.parse(response.body()) instanceof Map<?, ?> body)
					|| !(body.get("access_token") instanceof String token)) {
				throw new IllegalStateException(issuer.issuer() + " refused the token request " + form + ": "
						+ response.statusCode() + " " + response.body());
			}
			return token;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Token request to " + issuer.issuer() + " failed", ex);
		}
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
