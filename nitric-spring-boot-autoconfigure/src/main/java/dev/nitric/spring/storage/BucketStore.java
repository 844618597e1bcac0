package dev.nitric.spring.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a bucket's objects live: the local file system in development ({@link LocalBucketStore}), a cloud's object
 * storage when deployed ({@code S3BucketStore}, {@code GcsBucketStore}, {@code AzureBlobBucketStore}). Callers have
 * already checked the declared verbs and the key; a store receives the bucket's <em>logical</em> name and maps it to
 * its physical name itself.
 * <p>
 * Every implementation passes the same contract tests ({@code BucketStoreContractTests}).
 */
public interface BucketStore {

	/**
	 * Create or replace an object atomically: readers see the old content or the new one, never a mix, and a failure
	 * leaves the old content in place. The content is streamed: a store holds at most a bounded buffer of it in memory.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @param content the content, read to its end and not closed
	 * @param contentType the content's media type, or {@code null} to derive it from the key's extension
	 * @throws BucketStorageException if the store fails
	 */
	void write(String bucket, String key, InputStream content, @Nullable String contentType);

	/**
	 * Create or replace an object, with a media type derived from the key's extension.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @param content the content, read to its end and not closed
	 * @throws BucketStorageException if the store fails
	 */
	default void write(String bucket, String key, InputStream content) {
		write(bucket, key, content, null);
	}

	/**
	 * Open an object for reading. The stream reads the object as it was when it was opened, or fails.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return the content, closed by the caller
	 * @throws ObjectNotFoundException if there is no such object
	 * @throws BucketStorageException if the store fails
	 */
	InputStream read(String bucket, String key);

	/**
	 * Read a whole object. By default through {@link #read(String, String)}; stores that can read an object in one
	 * call do so.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return the content
	 * @throws ObjectNotFoundException if there is no such object
	 * @throws BucketStorageException if the store fails
	 */
	default byte[] readAllBytes(String bucket, String key) {
		try (InputStream in = read(bucket, key)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not read '" + key + "' of bucket '" + bucket + "': "
					+ ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * Describe an object.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return its size, media type and time of last modification
	 * @throws ObjectNotFoundException if there is no such object
	 * @throws BucketStorageException if the store fails
	 */
	ObjectMetadata metadata(String bucket, String key);

	/**
	 * Whether an object exists.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @return {@code true} if it exists
	 * @throws BucketStorageException if the store fails
	 */
	boolean exists(String bucket, String key);

	/**
	 * Delete an object if it exists.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @throws BucketStorageException if the store fails
	 */
	void delete(String bucket, String key);

	/**
	 * List one page of keys by prefix, in lexicographic order.
	 * @param bucket the bucket's logical name
	 * @param prefix the prefix, empty for all
	 * @param pageSize the most keys to return, at least 1 (a store may return fewer, even when more follow)
	 * @param pageToken the {@link BucketListing#nextPageToken() token} of the previous page, or {@code null} for the
	 * first page
	 * @return the page
	 * @throws BucketStorageException if the store fails
	 */
	BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken);

	/**
	 * List every key by prefix, reading page after page.
	 * @param bucket the bucket's logical name
	 * @param prefix the prefix, empty for all
	 * @return the keys, sorted
	 * @throws BucketStorageException if the store fails
	 */
	default List<String> list(String bucket, String prefix) {
		List<String> keys = new ArrayList<>();
		BucketListing page = list(bucket, prefix, BucketListing.DEFAULT_PAGE_SIZE, null);
		keys.addAll(page.keys());
		while (page.nextPageToken() != null) {
			page = list(bucket, prefix, BucketListing.DEFAULT_PAGE_SIZE, page.nextPageToken());
			keys.addAll(page.keys());
		}
		return keys;
	}

	/**
	 * Sign a URL that lets its holder download or upload one object without credentials, until it expires. The
	 * signature carries this service's permissions, which the caller has checked.
	 * @param bucket the bucket's logical name
	 * @param key the key
	 * @param method what the URL allows
	 * @param expiry how long the URL stays valid
	 * @return the URL
	 * @throws PresignedUrlNotSupportedException if this store cannot sign URLs
	 * @throws BucketStorageException if the store fails
	 */
	default URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
		throw new PresignedUrlNotSupportedException(bucket, key, toString());
	}

}
