package com.example.invalid;

import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.storage.Bucket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class InvalidApplication {

	public static void main(String[] args) {
		SpringApplication.run(InvalidApplication.class, args);
	}

	@Bean
	Bucket badBucket() {
		return Bucket.named("bad_name").allow(BucketVerb.READ);
	}

}
