package dev.nitric.spring.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.VerifiedTokenCache;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of Nitric for Spring Boot.
 *
 * @param cloud Cloud whose gateway and IAM semantics apply: 'portable' accepts only what AWS, GCP and Azure all
 * accept, and says which cloud rejects a request and why
 * @param serviceName Name of this service in the manifest and in the deployed resources; defaults to
 * spring.application.name
 * @param apis Configuration of the declared APIs, by API name:
 * nitric.apis.<api>.security-definitions.<definition>.issuer and .audiences replace the values declared in code
 * @param gateway How requests are checked on their way to the application
 * @param storage Where bucket objects are kept
 * @param devIssuer The development token issuer served by the application in emulation mode
 * @author Nitric for Spring Boot
 */
@ConfigurationProperties("nitric")
public record NitricProperties(@DefaultValue("portable") TargetCloud cloud, @Nullable String serviceName,
		Map<String, ApiProperties> apis, Gateway gateway, Storage storage, DevIssuer devIssuer) {

	/*
	 * A group that no property configures is bound as null and given its defaults here, in code, rather than by
	 * a @DefaultValue on the group: the binder would otherwise convert every default of every group (texts to enums,
	 * paths, numbers) at each start-up, which was about half of the cost of binding these properties. The leaf
	 * properties keep their @DefaultValue (used when a group is configured in part, and in the configuration
	 * metadata); NitricPropertiesTests checks that both give the same values.
	 */
	public NitricProperties {
		apis = (apis != null) ? Map.copyOf(apis) : Map.of();
		gateway = (gateway != null) ? gateway : new Gateway(GatewayMode.EMULATE, VerifiedTokenCache.DEFAULT_CAPACITY);
		storage = (storage != null) ? storage : new Storage(StorageBackend.LOCAL, null, null, null, null);
		devIssuer = (devIssuer != null) ? devIssuer : new DevIssuer(null, Path.of(".nitric/dev-issuer/key.json"));
	}

	/**
	 * Configuration of one API.
	 *
	 * @param securityDefinitions The API's security definitions, by definition name
	 */
	public record ApiProperties(Map<String, SecurityDefinitionProperties> securityDefinitions) {

		public ApiProperties {
			securityDefinitions = (securityDefinitions != null) ? Map.copyOf(securityDefinitions) : Map.of();
		}

	}

	/**
	 * Configuration of one security definition.
	 *
	 * @param issuer Issuer URL, exactly as in the tokens' iss claim; replaces the issuer declared in code
	 * @param audiences Comma-separated list of audiences; replaces the audiences declared in code
	 */
	public record SecurityDefinitionProperties(@Nullable String issuer, @Nullable List<String> audiences) {

	}

	/**
	 * How requests are checked.
	 *
	 * @param mode Where tokens are validated: 'emulate' to validate them in the application exactly as the target
	 * cloud's gateway would; 'behind-gateway' when deployed behind the real gateway of 'nitric.cloud' (aws, gcp or
	 * azure), whose verification is trusted and whose forwarded identity becomes the request's principal
	 * @param tokenCacheSize Number of verified tokens remembered so that a repeated token skips parsing and signature
	 * verification (time, audience and scope checks still run, except for a request identical to the last one allowed,
	 * in the same second and with the same keys, which gets the same decision); 0 disables the cache and that reuse
	 */
	public record Gateway(@DefaultValue("emulate") GatewayMode mode, @DefaultValue("1000") int tokenCacheSize) {

		public Gateway {
			// Checked when binding: the gateway is created by the first secured request, too late to report this.
			if (tokenCacheSize < 0) {
				throw new IllegalArgumentException("nitric.gateway.token-cache-size must be 0 (no cache) or more, was "
						+ tokenCacheSize);
			}
		}

	}

	/**
	 * Where a request's token is validated.
	 */
	public enum GatewayMode {

		/** The application validates tokens itself, exactly as the target cloud's gateway would. */
		EMULATE,

		/** The application runs behind the cloud's gateway, which has validated the token. */
		BEHIND_GATEWAY

	}

	/**
	 * The development issuer: a token issuer built into the application for local runs, published under
	 * {@code /nitric/dev-issuer} (discovery document, JWKS, token endpoint).
	 *
	 * @param enabled Whether the development issuer is served; defaults to true in 'emulate' mode, and it can never
	 * be enabled in 'behind-gateway' mode (setting it to true there fails start-up)
	 * @param keyFile File keeping the development issuer's RSA key, so that its tokens survive a restart; relative to
	 * the working directory unless absolute
	 */
	public record DevIssuer(@Nullable Boolean enabled, @DefaultValue(".nitric/dev-issuer/key.json") Path keyFile) {

	}

	/**
	 * Bucket storage.
	 *
	 * @param backend Where bucket objects are kept: 'local' (files under nitric.storage.local.root), 's3', 'gcs' or
	 * 'azure'; a cloud backend takes each bucket's physical name from the environment variable
	 * NITRIC_BUCKET_<NAME> and its credentials from the SDK's default chain
	 * @param local The embedded backend that keeps objects on the local file system
	 * @param s3 The Amazon S3 backend
	 * @param gcs The Google Cloud Storage backend
	 * @param azure The Azure Blob Storage backend
	 */
	public record Storage(@DefaultValue("local") StorageBackend backend, Local local, S3 s3, Gcs gcs, Azure azure) {

		public Storage {
			local = (local != null) ? local : new Local(Path.of(".nitric/buckets"), false);
			s3 = (s3 != null) ? s3 : new S3(null, null, false, 3);
			gcs = (gcs != null) ? gcs : new Gcs(null, null, 3);
			azure = (azure != null) ? azure : new Azure(null, 3);
		}

	}

	/**
	 * Where bucket objects are kept.
	 */
	public enum StorageBackend {

		/** Files on the local file system. */
		LOCAL,

		/** Amazon S3. */
		S3,

		/** Google Cloud Storage. */
		GCS,

		/** Azure Blob Storage. */
		AZURE

	}

	/**
	 * The embedded file-system backend.
	 *
	 * @param root Folder holding one folder per bucket, relative to the working directory unless absolute
	 * @param fsync Whether each write is flushed to disk before it replaces the old content. Off (the default, as in
	 * other local storage emulators) writes stay atomic, but a crash of the whole machine may lose the last writes;
	 * on, each write costs a disk flush
	 */
	public record Local(@DefaultValue(".nitric/buckets") Path root, @DefaultValue("false") boolean fsync) {

	}

	/**
	 * The Amazon S3 backend.
	 *
	 * @param region Region of the buckets; defaults to the SDK's region chain (AWS_REGION, profile, instance metadata)
	 * @param endpoint Endpoint that replaces the regional S3 endpoint, for S3-compatible servers and tests
	 * @param pathStyle Whether to address buckets in the path rather than in the host name, for S3-compatible servers
	 * @param maxAttempts Maximum number of attempts of each request, including the first
	 */
	public record S3(@Nullable String region, @Nullable URI endpoint, @DefaultValue("false") boolean pathStyle,
			@DefaultValue("3") int maxAttempts) {

	}

	/**
	 * The Google Cloud Storage backend.
	 *
	 * @param projectId Project of the buckets; defaults to the one of the application default credentials
	 * @param host Host that replaces the Cloud Storage endpoint, for emulators and tests
	 * @param maxAttempts Maximum number of attempts of each request, including the first
	 */
	public record Gcs(@Nullable String projectId, @Nullable String host, @DefaultValue("3") int maxAttempts) {

	}

	/**
	 * The Azure Blob Storage backend.
	 *
	 * @param endpoint Blob service endpoint of the storage account, such as https://account.blob.core.windows.net,
	 * used with DefaultAzureCredential; without it, the connection string in the environment variable
	 * AZURE_STORAGE_CONNECTION_STRING is used
	 * @param maxAttempts Maximum number of attempts of each request, including the first
	 */
	public record Azure(@Nullable URI endpoint, @DefaultValue("3") int maxAttempts) {

	}

}
