package dev.nitric.spring.benchmarks.plain;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's planets behind a plain Spring Security resource server, without Nitric: {@code GET /planets} needs a
 * bearer token, {@code GET /planets/unsecured-planet} and {@code GET /public/planets} (the answer of {@code /planets},
 * as {@code PublicPlanets} adds it to the demo) are public. Tokens are checked by a {@link NimbusJwtDecoder}
 * built from the demo's development issuer JWKS ({@code plain.jwks-uri}), RS256 only, with the default validators
 * plus issuer ({@code plain.issuer}) and audience ({@code plain.audience}), the checks the gateway makes.
 * <p>
 * The Nitric auto-configurations (on this module's classpath for the JMH benchmarks) are excluded.
 */
@SpringBootApplication(excludeName = {
		"dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration",
		"dev.nitric.spring.autoconfigure.storage.NitricStorageAutoConfiguration",
		"dev.nitric.spring.autoconfigure.gateway.NitricGatewayAutoConfiguration" })
public class PlainResourceServerApp {

	public static void main(String[] args) {
		SpringApplication.run(PlainResourceServerApp.class, args);
	}

	@Bean
	JwtDecoder jwtDecoder(@Value("${plain.jwks-uri:http://localhost:8080/nitric/dev-issuer/jwks}") String jwksUri,
			@Value("${plain.issuer:http://localhost:8080/nitric/dev-issuer}") String issuer,
			@Value("${plain.audience:https://test-security-definition/}") String audience) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(audience))));
		return decoder;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/planets/unsecured-planet", "/public/planets")
			.permitAll()
			.anyRequest()
			.authenticated())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}));
		return http.build();
	}

	/**
	 * The same answers as the demo's {@code PlanetsController}, and as {@code PublicPlanets}.
	 */
	@RestController
	static class PlanetsController {

		@GetMapping("/planets")
		List<String> planets() {
			return List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune");
		}

		@GetMapping("/planets/unsecured-planet")
		Map<String, String> unsecuredPlanet() {
			return Map.of("name", "Pluto");
		}

		@GetMapping("/public/planets")
		List<String> publicPlanets() {
			return planets();
		}

	}

}
