package dev.nitric.spring.storage;

import java.io.InputStream;
import java.util.List;

/**
 * Where a bucket's objects live: the local file system in development, a cloud's object storage when deployed.
 * Callers have already checked the declared verbs and the key.
 */
public interface BucketStore {

	/**
	 * Create or replace an object atomically: readers see the old content or the new one, never a mix, and a failure
	 * leaves the old content in place.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @param content the content, read to its end and not closed
	 * @throws BucketStorageException if the store fails
	 */
	void write(String bucket, String key, InputStream content);

	/**
	 * Open an object for reading.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return the content, closed by the caller
	 * @throws ObjectNotFoundException if there is no such object
	 * @throws BucketStorageException if the store fails
	 */
	InputStream read(String bucket, String key);

	/**
	 * Whether an object exists.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return {@code true} if it exists
	 */
	boolean exists(String bucket, String key);

	/**
	 * Delete an object if it exists.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 */
	void delete(String bucket, String key);

	/**
	 * List keys by prefix.
	 * @param bucket the bucket's logical name
	 * @param prefix the prefix, empty for all
	 * @return the keys, sorted
	 */
	List<String> list(String bucket, String prefix);

}
