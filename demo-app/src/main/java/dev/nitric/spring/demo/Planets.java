package dev.nitric.spring.demo;

import java.util.List;
import java.util.Map;

import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityDefinition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The article's second example: API {@code main} whose routes need a JWT of the security definition {@code user},
 * with one public route and one that needs the scope {@code user.write}.
 */
@Configuration(proxyBeanMethods = false)
public class Planets {

	@Bean
	Api mainApi() {
		return Api.named("main")
			.securityDefinition(SecurityDefinition.jwt("user")
				.developmentIssuer()
				.audiences("https://test-security-definition/"))
			.security("user");
	}

	@RestController
	@NitricApi("main")
	static class PlanetsController {

		@GetMapping("/planets")
		List<String> planets() {
			return List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune");
		}

		@PublicRoute
		@GetMapping("/planets/unsecured-planet")
		Map<String, String> unsecuredPlanet() {
			return Map.of("name", "Pluto");
		}

		@RouteSecurity(definition = "user", scopes = "user.write")
		@PostMapping("/planets/unsecured-planet")
		Map<String, String> updateUnsecuredPlanet() {
			return Map.of("name", "Pluto", "status", "updated");
		}

	}

}
