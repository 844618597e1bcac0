package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.nitric.spring.json.Json;
import dev.nitric.spring.model.SecurityDefinition;

/**
 * Finds the JWKS URI of a security definition, which GCP API Gateway wants spelled out ({@code x-google-jwks_uri}):
 * first from the overrides ({@code nitric.jwksUri.<api>.<definition>}), else by OpenID Connect discovery at synth
 * time, as the application itself finds its keys ({@code <issuer>/.well-known/openid-configuration} →
 * {@code jwks_uri}). The discovery document's {@code issuer} must equal the definition's issuer, so that a
 * misconfigured issuer fails here rather than in the cloud.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">OpenID Connect Discovery
 * 1.0, §4</a>
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt">GCP API Gateway: using JWTs</a>
 */
@FunctionalInterface
public interface JwksUris {

	/**
	 * Find the JWKS URI.
	 * @param api the API's name
	 * @param definition the security definition, with its issuer
	 * @return the absolute https URI of the issuer's key set
	 * @throws SynthesisException when it cannot be found, saying how to supply it
	 */
	String jwksUri(String api, SecurityDefinition definition);

	/**
	 * The discovery URL of an issuer: {@code /.well-known/openid-configuration} appended with exactly one slash,
	 * whether or not the issuer ends with one (Nitric's Azure deployer concatenates without a separator, which breaks
	 * issuers without a trailing slash).
	 * @param issuer the issuer
	 * @return the discovery URL
	 */
	static String discoveryUrl(String issuer) {
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		return base + "/.well-known/openid-configuration";
	}

	/**
	 * Overrides first, then discovery.
	 * @param overrides {@code <api>.<definition>} → JWKS URI
	 * @param timeout the discovery timeout
	 * @return the resolver
	 */
	static JwksUris overridesThenDiscovery(Map<String, String> overrides, Duration timeout) {
		Map<String, String> copy = new TreeMap<>(overrides);
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		return (api, definition) -> {
			String override = copy.get(api + "." + definition.name());
			if (override != null) {
				return override;
			}
			return discover(client, timeout, api, definition);
		};
	}

	private static String discover(HttpClient client, Duration timeout, String api, SecurityDefinition definition) {
		String issuer = String.valueOf(definition.issuer());
		String url = discoveryUrl(issuer);
		String hint = "; or set the JWKS URI yourself with -Dnitric.jwksUri." + api + "." + definition.name()
				+ "=<https URL> (or <jwksUris> in the plugin configuration)";
		try {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new SynthesisException("OpenID Connect discovery of security definition '" + definition.name()
						+ "' of API '" + api + "' answered HTTP " + response.statusCode() + " at " + url + hint);
			}
			if (!(Json.parse(response.body()) instanceof Map<?, ?> document)) {
				throw new SynthesisException("The discovery document at " + url + " is not a JSON object" + hint);
			}
			if (!issuer.equals(document.get("issuer"))) {
				throw new SynthesisException("The discovery document at " + url + " names issuer '"
						+ document.get("issuer") + "', not '" + issuer + "': tokens would carry another iss than the "
						+ "gateway expects; fix the issuer of security definition '" + definition.name() + "'");
			}
			if (!(document.get("jwks_uri") instanceof String jwksUri) || !jwksUri.startsWith("https://")) {
				throw new SynthesisException("The discovery document at " + url + " has no https jwks_uri" + hint);
			}
			return jwksUri;
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new SynthesisException("Could not discover the keys of security definition '" + definition.name()
					+ "' of API '" + api + "' at " + url + ": " + ex.getMessage() + hint, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SynthesisException("Interrupted while discovering " + url, ex);
		}
	}

}
