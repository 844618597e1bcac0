package dev.nitric.spring.storage.gcs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.storage.BucketListing;
import dev.nitric.spring.storage.BucketNameResolver;
import dev.nitric.spring.storage.BucketStorageException;
import dev.nitric.spring.storage.BucketStore;
import dev.nitric.spring.storage.BucketStoreErrors;
import dev.nitric.spring.storage.ContentTypes;
import dev.nitric.spring.storage.ObjectKeys;
import dev.nitric.spring.storage.ObjectMetadata;
import dev.nitric.spring.storage.ObjectNotFoundException;
import dev.nitric.spring.storage.PresignedUrlMethod;
import org.jspecify.annotations.Nullable;

/**
 * The Google Cloud Storage backend (<a href="https://cloud.google.com/java/docs/reference/google-cloud-storage/latest">
 * google-cloud-storage</a>).
 * <p>
 * An object of up to {@value #CHUNK_SIZE} bytes is written with one single-shot upload; a larger one, or one of
 * unknown length, with a <a href="https://cloud.google.com/storage/docs/resumable-uploads">resumable upload</a> in
 * {@value #CHUNK_SIZE}-byte chunks. Both are atomic: the object is created, or replaced, only when the upload is
 * finalised, and a failed resumable upload is abandoned without being finalised, so nothing half-written ever
 * appears. Reads are pinned to the object's generation, so a concurrent overwrite makes a read fail rather than mix
 * two contents.
 * <p>
 * Errors: 404 is an {@link ObjectNotFoundException}; 403 says which deployed permission is missing; anything else,
 * including an unreachable endpoint after the client's retries, is a {@link BucketStorageException}.
 */
public final class GcsBucketStore implements BucketStore {

	/** Size of one chunk of a resumable upload, and the largest object written in a single-shot upload. */
	public static final int CHUNK_SIZE = 8 * 1024 * 1024;

	private final Storage storage;

	private final BucketNameResolver names;

	/**
	 * Create a store.
	 * @param storage the client, with its retries and credentials configured
	 * @param names the physical name of each bucket
	 */
	public GcsBucketStore(Storage storage, BucketNameResolver names) {
		this.storage = storage;
		this.names = names;
	}

	@Override
	public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
		BlobInfo info = BlobInfo.newBuilder(BlobId.of(this.names.physicalName(bucket), key))
			.setContentType(ContentTypes.orDerived(key, contentType))
			.build();
		String operation = "write '" + key + "'";
		byte[] first = readChunk(content, bucket, operation);
		if (first.length < CHUNK_SIZE) {
			call(bucket, BucketVerb.WRITE, operation, null, () -> this.storage.create(info, first));
			return;
		}
		call(bucket, BucketVerb.WRITE, operation, null, () -> {
			WriteChannel writer = this.storage.writer(info);
			writer.setChunkSize(CHUNK_SIZE);
			byte[] chunk = first;
			while (chunk.length > 0) {
				ByteBuffer buffer = ByteBuffer.wrap(chunk);
				while (buffer.hasRemaining()) {
					writer.write(buffer);
				}
				chunk = readChunk(content, bucket, operation);
			}
			// Only a complete upload is finalised; on failure the writer is abandoned, never closed.
			writer.close();
			return null;
		});
	}

	private static byte[] readChunk(InputStream content, String bucket, String operation) {
		try {
			return content.readNBytes(CHUNK_SIZE);
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not " + operation + " of bucket '" + bucket
					+ "': reading the content failed (" + ex.getClass().getSimpleName() + "); the old content is kept", ex);
		}
	}

	@Override
	public InputStream read(String bucket, String key) {
		String operation = "read '" + key + "'";
		Blob blob = get(bucket, key, operation);
		Long generation = blob.getGeneration();
		ReadChannel reader = call(bucket, BucketVerb.READ, operation, key,
				() -> (generation != null)
						? this.storage.reader(blob.getBlobId(), Storage.BlobSourceOption.generationMatch(generation))
						: this.storage.reader(blob.getBlobId()));
		reader.setChunkSize(CHUNK_SIZE);
		return Channels.newInputStream(reader);
	}

	@Override
	public ObjectMetadata metadata(String bucket, String key) {
		Blob blob = get(bucket, key, "read the metadata of '" + key + "'");
		Long updated = blob.getUpdateTime();
		return new ObjectMetadata(key, (blob.getSize() != null) ? blob.getSize() : 0,
				ContentTypes.orDerived(key, blob.getContentType()),
				(updated != null) ? Instant.ofEpochMilli(updated) : Instant.EPOCH);
	}

	private Blob get(String bucket, String key, String operation) {
		BlobId id = BlobId.of(this.names.physicalName(bucket), key);
		Blob blob = call(bucket, BucketVerb.READ, operation, key, () -> this.storage.get(id));
		if (blob == null) {
			throw new ObjectNotFoundException(bucket, key);
		}
		return blob;
	}

	@Override
	public boolean exists(String bucket, String key) {
		BlobId id = BlobId.of(this.names.physicalName(bucket), key);
		return call(bucket, BucketVerb.READ, "check whether '" + key + "' exists", null,
				() -> this.storage.get(id) != null);
	}

	@Override
	public void delete(String bucket, String key) {
		BlobId id = BlobId.of(this.names.physicalName(bucket), key);
		call(bucket, BucketVerb.DELETE, "delete '" + key + "'", null, () -> this.storage.delete(id));
	}

	@Override
	public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
		String physical = this.names.physicalName(bucket);
		return call(bucket, BucketVerb.READ, "list objects", null, () -> {
			List<Storage.BlobListOption> options = new ArrayList<>();
			options.add(Storage.BlobListOption.pageSize(pageSize));
			if (!prefix.isEmpty()) {
				options.add(Storage.BlobListOption.prefix(prefix));
			}
			if (pageToken != null) {
				options.add(Storage.BlobListOption.pageToken(pageToken));
			}
			var page = this.storage.list(physical, options.toArray(Storage.BlobListOption[]::new));
			List<String> keys = new ArrayList<>();
			page.getValues().forEach((blob) -> keys.add(blob.getName()));
			// Cloud Storage returns a page sorted; the in-process fake does not.
			keys.sort(ObjectKeys.LISTING_ORDER);
			String next = page.getNextPageToken();
			return new BucketListing(keys, (next != null && !next.isEmpty()) ? next : null);
		});
	}

	@Override
	public URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
		BlobInfo info = BlobInfo.newBuilder(BlobId.of(this.names.physicalName(bucket), key)).build();
		String operation = "sign a URL for '" + key + "'";
		HttpMethod httpMethod = (method == PresignedUrlMethod.DOWNLOAD) ? HttpMethod.GET : HttpMethod.PUT;
		try {
			List<Storage.SignUrlOption> options = new ArrayList<>(
					List.of(Storage.SignUrlOption.withV4Signature(), Storage.SignUrlOption.httpMethod(httpMethod)));
			URI host = new URI(this.storage.getOptions().getHost());
			if (host.getPort() != -1) {
				// The client signs for its host but drops an explicit port (google-cloud-storage 2.71.0).
				options.add(Storage.SignUrlOption.withHostName(host.getScheme() + "://" + host.getRawAuthority()));
			}
			return call(bucket, method.verb(), operation, null,
					() -> this.storage.signUrl(info, expiry.toSeconds(), TimeUnit.SECONDS,
							options.toArray(Storage.SignUrlOption[]::new)))
				.toURI();
		}
		catch (URISyntaxException | IllegalStateException | UnsupportedOperationException ex) {
			// No signing credentials (signing needs a service account key or iam.serviceAccounts.signBlob).
			throw new BucketStorageException("Could not " + operation + " of bucket '" + bucket + "': "
					+ ex.getClass().getSimpleName(), ex);
		}
	}

	private <T> T call(String bucket, BucketVerb verb, String operation, @Nullable String key, Call<T> call) {
		try {
			return call.call();
		}
		catch (StorageException ex) {
			String code = ((ex.getReason() != null) ? ex.getReason() + " " : "") + "(" + ex.getCode() + ")";
			if (ex.getCode() == 404 && key != null) {
				throw new ObjectNotFoundException(bucket, key);
			}
			if (ex.getCode() == 403) {
				throw BucketStoreErrors.accessDenied(Cloud.GCP, bucket, verb, operation, code, ex);
			}
			throw BucketStoreErrors.failed(bucket, operation, "Cloud Storage " + code, ex);
		}
		catch (BaseServiceException ex) {
			throw BucketStoreErrors.failed(bucket, operation, "Cloud Storage (" + ex.getCode() + ")", ex);
		}
		catch (IOException ex) {
			throw BucketStoreErrors.failed(bucket, operation,
					"Cloud Storage could not be reached or did not answer (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	@Override
	public String toString() {
		return "GcsBucketStore";
	}

	@FunctionalInterface
	private interface Call<T> {

		T call() throws IOException;

	}

}
