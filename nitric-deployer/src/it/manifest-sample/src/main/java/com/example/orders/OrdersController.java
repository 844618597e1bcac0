package com.example.orders;

import java.util.List;
import java.util.Map;

import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@NitricApi("orders")
class OrdersController {

	@PublicRoute
	@GetMapping("/orders/status")
	Map<String, String> status() {
		return Map.of("status", "open");
	}

	@RouteSecurity(definition = "user", scopes = "orders.write")
	@PostMapping("/orders")
	Map<String, String> create() {
		return Map.of("id", "1");
	}

}
