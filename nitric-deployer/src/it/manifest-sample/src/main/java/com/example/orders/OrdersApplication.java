package com.example.orders;

import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.storage.Bucket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class OrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

	@Bean
	Api ordersApi() {
		return Api.named("orders")
			.securityDefinition(SecurityDefinition.jwt("user").issuer("https://issuer.example.com/").audiences("orders"))
			.security("user");
	}

	@Bean
	Bucket receipts() {
		return Bucket.named("receipts").allow(BucketVerb.READ, BucketVerb.WRITE);
	}

}
