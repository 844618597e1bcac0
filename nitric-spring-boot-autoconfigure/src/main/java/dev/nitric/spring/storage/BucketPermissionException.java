package dev.nitric.spring.storage;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.model.BucketVerb;

/**
 * Thrown before any I/O when code uses a bucket for something its declaration does not allow: the same call would
 * be refused in the cloud (S3 {@code AccessDenied}, GCS {@code 403}, Azure {@code AuthorizationPermissionMismatch}),
 * because the deployer grants only the declared verbs.
 */
public class BucketPermissionException extends RuntimeException {

	private final String bucket;

	private final BucketVerb missingVerb;

	BucketPermissionException(String bucket, BucketVerb missingVerb, String operation, Set<BucketVerb> declared) {
		super(message(bucket, missingVerb, operation, declared));
		this.bucket = bucket;
		this.missingVerb = missingVerb;
	}

	private static String message(String bucket, BucketVerb verb, String operation, Set<BucketVerb> declared) {
		String permissions = Arrays.stream(Cloud.values())
			.map((cloud) -> cloud.displayName() + " " + String.join(", ", BucketPermissions.of(cloud, verb)))
			.collect(Collectors.joining("; "));
		String declaredVerbs = declared.isEmpty() ? "no verbs"
				: declared.stream().map(BucketVerb::id).collect(Collectors.joining(", "));
		return "Bucket '" + bucket + "' is not declared for " + verb.id() + ", which is needed to " + operation
				+ " (declared: " + declaredVerbs + "). In the cloud this service would lack " + permissions
				+ ". If the code really needs it, add BucketVerb." + verb.name() + " to the declaration: Bucket.named(\""
				+ bucket + "\").allow(..., BucketVerb." + verb.name() + ")";
	}

	/**
	 * The bucket's logical name.
	 * @return the name
	 */
	public String getBucket() {
		return this.bucket;
	}

	/**
	 * The verb the call needed and the declaration lacks.
	 * @return the verb
	 */
	public BucketVerb getMissingVerb() {
		return this.missingVerb;
	}

}
