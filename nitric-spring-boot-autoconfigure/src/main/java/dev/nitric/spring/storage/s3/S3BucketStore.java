package dev.nitric.spring.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.storage.BucketListing;
import dev.nitric.spring.storage.BucketNameResolver;
import dev.nitric.spring.storage.BucketStorageException;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreErrors;
import dev.nitric.spring.storage.ContentTypes;
import dev.nitric.spring.storage.ObjectMetadata;
import dev.nitric.spring.storage.ObjectNotFoundException;
import dev.nitric.spring.storage.PresignedUrlMethod;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The Amazon S3 backend (<a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/examples-s3.html">AWS
 * SDK for Java 2.x</a>).
 * <p>
 * An object of up to {@value #PART_SIZE} bytes is written with one {@code PutObject}; a larger one, or one of unknown
 * length, with a <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html">multipart upload</a>
 * of {@value #PART_SIZE}-byte parts, so that at most one part is in memory. Both are atomic: the object appears, or is
 * replaced, only when the upload completes. A failed multipart upload is aborted (best effort: aborting needs
 * {@code s3:AbortMultipartUpload}, which {@code write} does not grant, so the bucket should also have a lifecycle rule
 * that removes incomplete uploads). Reads stream the object from S3.
 * <p>
 * Errors: {@code NoSuchKey} (404) is an {@link ObjectNotFoundException}; {@code AccessDenied} (403) says which
 * deployed permission is missing; anything else, including an unreachable endpoint after the client's retries, is a
 * {@link BucketStorageException} naming the bucket and the error code only.
 */
public final class S3BucketStore implements BucketStore {

	/** Size of one part of a multipart upload, and the largest object written in one {@code PutObject}. */
	public static final int PART_SIZE = 8 * 1024 * 1024;

	private final S3Client client;

	private final S3Presigner presigner;

	private final BucketNameResolver names;

	/**
	 * Create a store.
	 * @param client the client, with its retries and credentials configured
	 * @param presigner the presigner for pre-signed URLs, with the same endpoint and credentials
	 * @param names the physical name of each bucket
	 */
	public S3BucketStore(S3Client client, S3Presigner presigner, BucketNameResolver names) {
		this.client = client;
		this.presigner = presigner;
		this.names = names;
	}

	@Override
	public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
		String physical = this.names.physicalName(bucket);
		String type = ContentTypes.orDerived(key, contentType);
		String operation = "write '" + key + "'";
		byte[] first = readPart(content, bucket, operation);
		if (first.length < PART_SIZE) {
			call(bucket, BucketVerb.WRITE, operation, () -> this.client.putObject(
					(request) -> request.bucket(physical).key(key).contentType(type), RequestBody.fromBytes(first)));
			return;
		}
		String uploadId = call(bucket, BucketVerb.WRITE, operation, () -> this.client
			.createMultipartUpload((request) -> request.bucket(physical).key(key).contentType(type))
			.uploadId());
		try {
			List<CompletedPart> parts = new ArrayList<>();
			byte[] part = first;
			while (part.length > 0) {
				int number = parts.size() + 1;
				byte[] bytes = part;
				String etag = call(bucket, BucketVerb.WRITE, operation,
						() -> this.client
							.uploadPart((request) -> request.bucket(physical).key(key).uploadId(uploadId).partNumber(number),
									RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
											type))
							.eTag());
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				part = readPart(content, bucket, operation);
			}
			call(bucket, BucketVerb.WRITE, operation,
					() -> this.client.completeMultipartUpload((request) -> request.bucket(physical)
						.key(key)
						.uploadId(uploadId)
						.multipartUpload((upload) -> upload.parts(parts))));
		}
		catch (RuntimeException ex) {
			abortQuietly(physical, key, uploadId);
			throw ex;
		}
	}

	private static byte[] readPart(InputStream content, String bucket, String operation) {
		try {
			return content.readNBytes(PART_SIZE);
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not " + operation + " of bucket '" + bucket
					+ "': reading the content failed (" + ex.getClass().getSimpleName() + "); the old content is kept", ex);
		}
	}

	private void abortQuietly(String physical, String key, String uploadId) {
		try {
			this.client.abortMultipartUpload((request) -> request.bucket(physical).key(key).uploadId(uploadId));
		}
		catch (SdkException ex) {
			// The incomplete upload is invisible; a lifecycle rule removes it.
		}
	}

	@Override
	public InputStream read(String bucket, String key) {
		String physical = this.names.physicalName(bucket);
		return call(bucket, BucketVerb.READ, "read '" + key + "'", key,
				() -> this.client.getObject((request) -> request.bucket(physical).key(key)));
	}

	@Override
	public ObjectMetadata metadata(String bucket, String key) {
		String physical = this.names.physicalName(bucket);
		HeadObjectResponse head = call(bucket, BucketVerb.READ, "read the metadata of '" + key + "'", key,
				() -> this.client.headObject((request) -> request.bucket(physical).key(key)));
		return new ObjectMetadata(key, head.contentLength(), ContentTypes.orDerived(key, head.contentType()),
				head.lastModified());
	}

	@Override
	public boolean exists(String bucket, String key) {
		try {
			metadata(bucket, key);
			return true;
		}
		catch (ObjectNotFoundException ex) {
			return false;
		}
	}

	@Override
	public void delete(String bucket, String key) {
		String physical = this.names.physicalName(bucket);
		call(bucket, BucketVerb.DELETE, "delete '" + key + "'",
				() -> this.client.deleteObject((request) -> request.bucket(physical).key(key)));
	}

	@Override
	public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
		String physical = this.names.physicalName(bucket);
		ListObjectsV2Response page = call(bucket, BucketVerb.READ, "list objects",
				() -> this.client.listObjectsV2((request) -> request.bucket(physical)
					.prefix(prefix.isEmpty() ? null : prefix)
					.maxKeys(pageSize)
					.continuationToken(pageToken)));
		List<String> keys = page.contents().stream().map(S3Object::key).toList();
		return new BucketListing(keys, Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
	}

	@Override
	public URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
		String physical = this.names.physicalName(bucket);
		String operation = "sign a URL for '" + key + "'";
		URL url = call(bucket, method.verb(), operation, () -> switch (method) {
			case DOWNLOAD -> this.presigner.presignGetObject((request) -> request.signatureDuration(expiry)
				.getObjectRequest((get) -> get.bucket(physical).key(key))).url();
			case UPLOAD -> this.presigner.presignPutObject((request) -> request.signatureDuration(expiry)
				.putObjectRequest((put) -> put.bucket(physical).key(key))).url();
		});
		try {
			return url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new BucketStorageException("Could not " + operation + " of bucket '" + bucket + "'", ex);
		}
	}

	private <T> T call(String bucket, BucketVerb verb, String operation, Call<T> call) {
		return call(bucket, verb, operation, null, call);
	}

	private <T> T call(String bucket, BucketVerb verb, String operation, @Nullable String key, Call<T> call) {
		try {
			return call.call();
		}
		catch (S3Exception ex) {
			String code = (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorCode() != null)
					? ex.awsErrorDetails().errorCode() + " (" + ex.statusCode() + ")" : "HTTP " + ex.statusCode();
			if (ex.statusCode() == 404 && key != null) {
				throw new ObjectNotFoundException(bucket, key);
			}
			if (ex.statusCode() == 403) {
				throw BucketStoreErrors.accessDenied(Cloud.AWS, bucket, verb, operation, code, ex);
			}
			throw BucketStoreErrors.failed(bucket, operation, "S3 " + code, ex);
		}
		catch (SdkException ex) {
			throw BucketStoreErrors.failed(bucket, operation,
					"S3 could not be reached or did not answer (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	@Override
	public String toString() {
		return "S3BucketStore";
	}

	@FunctionalInterface
	private interface Call<T> {

		T call();

	}

}
