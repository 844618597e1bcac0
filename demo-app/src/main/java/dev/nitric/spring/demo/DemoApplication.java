package dev.nitric.spring.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The two examples of Nitric's security article, on Spring Boot: an image upload that may only write to its
 * bucket, and a planets API secured with JWTs and per-route scopes.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
