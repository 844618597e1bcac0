package dev.nitric.spring.storage;

/**
 * Thrown when a bucket's store fails (a disk error, an unreachable cloud endpoint). Its message names the bucket and
 * the key, never a local file path or a credential.
 */
public class BucketStorageException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public BucketStorageException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception without a cause.
	 * @param message what failed
	 */
	public BucketStorageException(String message) {
		super(message);
	}

}
