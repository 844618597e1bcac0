package dev.nitric.spring.storage;

/**
 * Thrown when the configured store cannot sign URLs. The embedded {@link LocalBucketStore} cannot: a signed URL needs
 * a server that checks the signature, and the local store has none. Run against a cloud backend (or its emulator) to
 * try pre-signed URLs, or let the application serve the object itself in development.
 */
public class PresignedUrlNotSupportedException extends BucketStorageException {

	PresignedUrlNotSupportedException(String bucket, String key, String store) {
		super("Cannot sign a URL for '" + key + "' of bucket '" + bucket + "': " + store
				+ " does not support pre-signed URLs (the S3, Cloud Storage and Blob Storage backends do)");
	}

}
