package dev.nitric.spring.storage;

import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.model.BucketVerb;

/**
 * The exceptions a cloud store throws for a provider's error, worded the same on every backend. Messages name the
 * bucket, the key and the provider's error code, never an endpoint, a local path or a credential.
 */
public final class BucketStoreErrors {

	private BucketStoreErrors() {
	}

	/**
	 * The provider refused the call (S3 {@code AccessDenied}, Cloud Storage {@code 403}, Blob Storage
	 * {@code AuthorizationPermissionMismatch}): the verb is declared, but the deployed permissions lack it.
	 * @param cloud the provider
	 * @param bucket the bucket's logical name
	 * @param verb the verb the call needs
	 * @param operation what was attempted, for example {@code read 'a.png'}
	 * @param errorCode the provider's error code and HTTP status
	 * @param cause the provider's exception
	 * @return the exception to throw
	 */
	public static BucketStorageException accessDenied(Cloud cloud, String bucket, BucketVerb verb, String operation,
			String errorCode, Throwable cause) {
		return new BucketStorageException(cloud.displayName() + " refused to " + operation + " of bucket '" + bucket
				+ "' (" + errorCode + "): the deployed permissions lack "
				+ String.join(", ", BucketPermissions.of(cloud, verb)) + ", which BucketVerb." + verb.name()
				+ " grants. Redeploy so that the deployer grants the verbs the code declares.", cause);
	}

	/**
	 * The provider failed or could not be reached, after the SDK's bounded retries.
	 * @param bucket the bucket's logical name
	 * @param operation what was attempted
	 * @param errorCode the provider's error code and HTTP status, or the exception's type when there was no answer
	 * @param cause the provider's exception
	 * @return the exception to throw
	 */
	public static BucketStorageException failed(String bucket, String operation, String errorCode, Throwable cause) {
		return new BucketStorageException("Could not " + operation + " of bucket '" + bucket + "': " + errorCode, cause);
	}

}
