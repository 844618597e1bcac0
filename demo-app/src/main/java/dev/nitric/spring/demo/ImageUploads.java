package dev.nitric.spring.demo;

import java.util.Base64;
import java.util.Map;

import dev.nitric.spring.model.Api;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.storage.Bucket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The article's first example: API {@code imageApi} with {@code POST /image} writing {@code secret-image.png} to
 * bucket {@code secureBucket}, which this service may write and nothing else.
 */
@Configuration(proxyBeanMethods = false)
public class ImageUploads {

	@Bean
	Api imageApi() {
		return Api.named("imageApi");
	}

	@Bean
	Bucket secureBucket() {
		return Bucket.named("secureBucket").allow(BucketVerb.WRITE);
	}

	@RestController
	@NitricApi("imageApi")
	static class ImageController {

		private final Bucket secureBucket;

		ImageController(Bucket secureBucket) {
			this.secureBucket = secureBucket;
		}

		@PostMapping("/image")
		ResponseEntity<Map<String, String>> upload(@RequestBody ImageUpload upload) {
			byte[] image;
			try {
				image = Base64.getDecoder().decode((upload.imageData() != null) ? upload.imageData() : "");
			}
			catch (IllegalArgumentException ex) {
				return ResponseEntity.badRequest().body(Map.of("message", "imageData is not valid base64"));
			}
			this.secureBucket.file("secret-image.png").write(image);
			return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("key", "secret-image.png"));
		}

	}

	/**
	 * The request body of {@code POST /image}.
	 *
	 * @param imageData the image, base64-encoded
	 */
	record ImageUpload(String imageData) {
	}

}
