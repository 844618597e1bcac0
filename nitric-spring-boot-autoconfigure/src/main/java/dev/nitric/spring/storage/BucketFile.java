package dev.nitric.spring.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import dev.nitric.spring.model.BucketVerb;
import org.jspecify.annotations.Nullable;

/**
 * One object of a {@link Bucket}. Every method checks the bucket's declared verbs before any I/O.
 * <p>
 * Content is streamed: {@link #write(InputStream)} and {@link #openStream()} hold at most a bounded buffer in memory
 * whatever the object's size (S3 multipart uploads, Cloud Storage resumable uploads and Blob Storage block lists above
 * a few MiB, all committed in one step so that nothing is ever half-written).
 */
public final class BucketFile {

	private static final Duration MAX_EXPIRY = Duration.ofDays(7);

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
		write(new ByteArrayInputStream(content), null);
	}

	/**
	 * Create or replace the object with the given bytes and media type. Needs {@link BucketVerb#WRITE}.
	 * @param content the content
	 * @param contentType the media type, or {@code null} to derive it from the key's extension
	 */
	public void write(byte[] content, @Nullable String contentType) {
		write(new ByteArrayInputStream(content), contentType);
	}

	/**
	 * Create or replace the object with the content of a stream, read to its end; the stream is not closed. Readers
	 * see the old content or the new one, never a mix. Needs {@link BucketVerb#WRITE}.
	 * @param content the content
	 */
	public void write(InputStream content) {
		write(content, null);
	}

	/**
	 * Create or replace the object with the content of a stream and a media type; the stream is read to its end and
	 * not closed. Needs {@link BucketVerb#WRITE}.
	 * @param content the content
	 * @param contentType the media type, or {@code null} to derive it from the key's extension
	 */
	public void write(InputStream content, @Nullable String contentType) {
		this.bucket.require(BucketVerb.WRITE, "write '" + this.key + "'");
		this.bucket.store().write(this.bucket.name(), this.key, content, contentType);
	}

	/**
	 * Read the whole object. Needs {@link BucketVerb#READ}.
	 * @return the content
	 * @throws ObjectNotFoundException if there is no such object
	 */
	public byte[] read() {
		this.bucket.require(BucketVerb.READ, "read '" + this.key + "'");
		return this.bucket.store().readAllBytes(this.bucket.name(), this.key);
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
	 * Describe the object: size, media type, time of last modification. Needs {@link BucketVerb#READ}.
	 * @return the metadata
	 * @throws ObjectNotFoundException if there is no such object
	 */
	public ObjectMetadata metadata() {
		this.bucket.require(BucketVerb.READ, "read the metadata of '" + this.key + "'");
		return this.bucket.store().metadata(this.bucket.name(), this.key);
	}

	/**
	 * Sign a URL that lets anyone who holds it download the object with an HTTP {@code GET} until it expires. Needs
	 * {@link BucketVerb#READ}. Supported by the S3
	 * (<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html">pre-signed
	 * URLs</a>), Cloud Storage (<a href="https://cloud.google.com/storage/docs/access-control/signed-urls">signed
	 * URLs</a>) and Blob Storage (<a href="https://learn.microsoft.com/azure/storage/common/storage-sas-overview">shared
	 * access signatures</a>) backends, not by the local one.
	 * @param expiry how long the URL stays valid, at most 7 days
	 * @return the URL
	 * @throws PresignedUrlNotSupportedException if the configured backend cannot sign URLs
	 */
	public URI downloadUrl(Duration expiry) {
		return presignedUrl(PresignedUrlMethod.DOWNLOAD, expiry);
	}

	/**
	 * Sign a URL that lets anyone who holds it replace the object with an HTTP {@code PUT} until it expires (Blob
	 * Storage also wants the header {@code x-ms-blob-type: BlockBlob}). Needs {@link BucketVerb#WRITE}.
	 * @param expiry how long the URL stays valid, at most 7 days
	 * @return the URL
	 * @throws PresignedUrlNotSupportedException if the configured backend cannot sign URLs
	 * @see #downloadUrl(Duration)
	 */
	public URI uploadUrl(Duration expiry) {
		return presignedUrl(PresignedUrlMethod.UPLOAD, expiry);
	}

	private URI presignedUrl(PresignedUrlMethod method, Duration expiry) {
		this.bucket.require(method.verb(), ((method == PresignedUrlMethod.DOWNLOAD) ? "sign a download" : "sign an upload")
				+ " URL for '" + this.key + "'");
		if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
			throw new IllegalArgumentException("A pre-signed URL expires after more than 0 and at most 7 days (the S3 and "
					+ "Cloud Storage limit), not " + expiry);
		}
		return this.bucket.store().presignedUrl(this.bucket.name(), this.key, method, expiry);
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
