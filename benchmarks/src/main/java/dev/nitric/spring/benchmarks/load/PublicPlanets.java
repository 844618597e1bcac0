package dev.nitric.spring.benchmarks.load;

import java.util.List;

import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's secured route made public: {@code GET /public/planets} answers what the demo's {@code GET /planets}
 * answers, on the demo's API {@code main}, without security. {@code load.sh} adds it to the demo (and to the demo
 * without Nitric) with {@code spring.main.sources}, so that the secured route can be compared with the same work
 * unsecured, in the same application — the comparison issue 6 states as its goal ("a secured route within 10 % of
 * the same route unsecured"). The demo itself keeps the seed's routes.
 */
@Configuration(proxyBeanMethods = false)
@Import(PublicPlanets.PublicPlanetsController.class)
public class PublicPlanets {

	/**
	 * The demo's planets, public.
	 */
	@RestController
	@NitricApi("main")
	static class PublicPlanetsController {

		@PublicRoute
		@GetMapping("/public/planets")
		List<String> planets() {
			return List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune");
		}

	}

}
