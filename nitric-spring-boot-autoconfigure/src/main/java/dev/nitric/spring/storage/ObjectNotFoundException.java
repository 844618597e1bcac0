package dev.nitric.spring.storage;

/**
 * Thrown when an object that is read does not exist.
 */
public class ObjectNotFoundException extends BucketStorageException {

	/**
	 * Create an exception.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 */
	public ObjectNotFoundException(String bucket, String key) {
		super("Bucket '" + bucket + "' has no object '" + key + "'");
	}

}
