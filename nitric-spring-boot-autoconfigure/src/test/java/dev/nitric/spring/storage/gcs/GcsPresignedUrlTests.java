package dev.nitric.spring.storage.gcs;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.nitric.spring.storage.PresignedUrlMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the pre-signed URLs of {@link GcsBucketStore}. Cloud Storage signs V4 URLs on the client with the service
 * account's private key, so no network is needed: each URL is checked against the V4 signing rules independently,
 * by rebuilding the canonical request and verifying the RSA signature with the public key.
 *
 * @see <a href="https://cloud.google.com/storage/docs/access-control/signing-urls-manually">Signing URLs manually</a>
 */
class GcsPresignedUrlTests {

	private static KeyPair keys;

	private static ServiceAccountCredentials credentials;

	private static GcsBucketStore store;

	@BeforeAll
	static void serviceAccount() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		keys = generator.generateKeyPair();
		credentials = ServiceAccountCredentials.newBuilder()
			.setClientEmail("orders@nitric-test.iam.gserviceaccount.com")
			.setPrivateKey(keys.getPrivate())
			.setPrivateKeyId("test-key")
			.setProjectId("nitric-test")
			.build();
		Storage storage = StorageOptions.newBuilder()
			.setProjectId("nitric-test")
			.setCredentials(credentials)
			.build()
			.getService();
		store = new GcsBucketStore(storage, (logical) -> logical.toLowerCase() + "-a1b2c3");
	}

	@Test
	void downloadUrlIsAV4SignedGetOfThePhysicalObjectThatVerifiesWithTheServiceAccountKey() throws Exception {
		URI url = store.presignedUrl("secureBucket", "images/cat 1.png", PresignedUrlMethod.DOWNLOAD,
				Duration.ofMinutes(15));
		Map<String, String> query = query(url);
		assertThat(url.getRawPath()).isEqualTo("/securebucket-a1b2c3/images/cat%201.png");
		assertThat(query).containsEntry("X-Goog-Algorithm", "GOOG4-RSA-SHA256")
			.containsEntry("X-Goog-Expires", "900")
			.containsEntry("X-Goog-SignedHeaders", "host");
		assertThat(query.get("X-Goog-Credential")).startsWith("orders@nitric-test.iam.gserviceaccount.com/");
		assertThat(verifies("GET", url)).isTrue();
	}

	@Test
	void uploadUrlIsSignedForPutAndDoesNotVerifyAsAGet() throws Exception {
		URI url = store.presignedUrl("secureBucket", "upload.bin", PresignedUrlMethod.UPLOAD, Duration.ofSeconds(60));
		assertThat(query(url)).containsEntry("X-Goog-Expires", "60");
		assertThat(verifies("PUT", url)).isTrue();
		assertThat(verifies("GET", url)).isFalse();
	}

	@Test
	void urlForAnEndpointWithAPortKeepsItsSchemeAndPortAndIsSignedForThem() throws Exception {
		Storage emulator = StorageOptions.newBuilder()
			.setHost("http://127.0.0.1:4443/")
			.setProjectId("nitric-test")
			.setCredentials(credentials)
			.build()
			.getService();
		GcsBucketStore emulated = new GcsBucketStore(emulator, (logical) -> logical.toLowerCase() + "-a1b2c3");
		URI url = emulated.presignedUrl("secureBucket", "images/cat.png", PresignedUrlMethod.DOWNLOAD,
				Duration.ofMinutes(1));
		assertThat(url.getScheme()).isEqualTo("http");
		assertThat(url.getRawAuthority()).isEqualTo("127.0.0.1:4443");
		assertThat(url.getRawPath()).isEqualTo("/securebucket-a1b2c3/images/cat.png");
		assertThat(verifies("GET", url)).isTrue();
	}

	private static boolean verifies(String method, URI url) throws Exception {
		Map<String, String> query = query(url);
		String canonicalQuery = query.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("X-Goog-Signature"))
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		String canonicalRequest = method + "\n" + url.getRawPath() + "\n" + canonicalQuery + "\nhost:" + url.getRawAuthority()
				+ "\n\nhost\nUNSIGNED-PAYLOAD";
		String credential = query.get("X-Goog-Credential");
		String scope = credential.substring(credential.indexOf('/') + 1);
		String stringToSign = "GOOG4-RSA-SHA256\n" + query.get("X-Goog-Date") + "\n" + scope + "\n"
				+ HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(keys.getPublic());
		verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
		return verifier.verify(HexFormat.of().parseHex(query.get("X-Goog-Signature")));
	}

	private static Map<String, String> query(URI url) {
		Map<String, String> query = new TreeMap<>();
		for (String pair : url.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

	private static String encode(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append(c);
			}
			else {
				out.append('%').append(String.format("%02X", (int) c));
			}
		}
		return out.toString();
	}

}
