package dev.nitric.spring.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.nitric.spring.model.BucketVerb;

/**
 * One object of a {@link Bucket}. Every method checks the bucket's declared verbs before any I/O.
 */
public final class BucketFile {

	private final Bucket bucket;

	private final String key;

	BucketFile(Bucket bucket, String key) {
		this.bucket = bucket;
		this.key = key;
	}

	/**
	 * The object's key.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Create or replace the object with the given bytes. Needs {@link BucketVerb#WRITE}.
	 * @param content the content
	 */
	public void write(byte[] content) {
		write(new ByteArrayInputStream(content));
	}

	/**
	 * Create or replace the object with the content of a stream, read to its end; the stream is not closed. Readers
	 * see the old content or the new one, never a mix. Needs {@link BucketVerb#WRITE}.
	 * @param content the content
	 */
	public void write(InputStream content) {
		this.bucket.require(BucketVerb.WRITE, "write '" + this.key + "'");
		this.bucket.store().write(this.bucket.name(), this.key, content);
	}

	/**
	 * Read the whole object. Needs {@link BucketVerb#READ}.
	 * @return the content
	 * @throws ObjectNotFoundException if there is no such object
	 */
	public byte[] read() {
		try (InputStream in = openStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read '" + this.key + "' of bucket '" + this.bucket.name() + "'", ex);
		}
	}

	/**
	 * Open the object for streaming; the caller closes the stream. Needs {@link BucketVerb#READ}.
	 * @return the content
	 * @throws ObjectNotFoundException if there is no such object
	 */
	public InputStream openStream() {
		this.bucket.require(BucketVerb.READ, "read '" + this.key + "'");
		return this.bucket.store().read(this.bucket.name(), this.key);
	}

	/**
	 * Whether the object exists. Needs {@link BucketVerb#READ}.
	 * @return {@code true} if it exists
	 */
	public boolean exists() {
		this.bucket.require(BucketVerb.READ, "check whether '" + this.key + "' exists");
		return this.bucket.store().exists(this.bucket.name(), this.key);
	}

	/**
	 * Delete the object; deleting a missing object is not an error. Needs {@link BucketVerb#DELETE}.
	 */
	public void delete() {
		this.bucket.require(BucketVerb.DELETE, "delete '" + this.key + "'");
		this.bucket.store().delete(this.bucket.name(), this.key);
	}

	@Override
	public String toString() {
		return this.bucket.name() + "/" + this.key;
	}

}
