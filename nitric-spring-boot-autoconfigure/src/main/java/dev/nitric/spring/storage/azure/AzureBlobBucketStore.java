package dev.nitric.spring.storage.azure;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.azure.core.exception.AzureException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
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

/**
 * The Azure Blob Storage backend (<a href=
 * "https://learn.microsoft.com/azure/storage/blobs/storage-quickstart-blobs-java">azure-storage-blob</a>): each bucket
 * is a container, each object a block blob.
 * <p>
 * An object of up to {@value #BLOCK_SIZE} bytes is written with one {@code Put Blob}; a larger one, or one of unknown
 * length, is staged in {@value #BLOCK_SIZE}-byte blocks ({@code Put Block}) and made visible by one
 * <a href="https://learn.microsoft.com/rest/api/storageservices/put-block-list">{@code Put Block List}</a>. Both are
 * atomic: uncommitted blocks are never visible and are garbage-collected by the service after a week. Reads stream
 * the blob and are pinned to its ETag, so a concurrent overwrite makes a read fail rather than mix two contents.
 * <p>
 * Pre-signed URLs are <a href="https://learn.microsoft.com/azure/storage/common/storage-sas-overview">shared access
 * signatures</a>: a service SAS when the client has the account key (Azurite, connection strings), otherwise a user
 * delegation SAS (which needs {@code generateUserDelegationKey/action}, granted by the deployer).
 * <p>
 * Errors: 404 is an {@link ObjectNotFoundException}; 403 ({@code AuthorizationPermissionMismatch}) says which
 * deployed permission is missing; anything else, including an unreachable endpoint after the client's retries, is a
 * {@link BucketStorageException}.
 */
public final class AzureBlobBucketStore implements BucketStore {

	/** Size of one staged block, and the largest object written with a single {@code Put Blob}. */
	public static final int BLOCK_SIZE = 4 * 1024 * 1024;

	private final BlobServiceClient client;

	private final BucketNameResolver names;

	/**
	 * Create a store.
	 * @param client the client, with its retries and credentials configured
	 * @param names the physical name (the container's name) of each bucket
	 */
	public AzureBlobBucketStore(BlobServiceClient client, BucketNameResolver names) {
		this.client = client;
		this.names = names;
	}

	private BlobClient blob(String bucket, String key) {
		return container(bucket).getBlobClient(key);
	}

	private BlobContainerClient container(String bucket) {
		return this.client.getBlobContainerClient(this.names.physicalName(bucket));
	}

	@Override
	public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
		BlobClient blob = blob(bucket, key);
		BlobParallelUploadOptions options = new BlobParallelUploadOptions(content)
			.setHeaders(new BlobHttpHeaders().setContentType(ContentTypes.orDerived(key, contentType)))
			.setParallelTransferOptions(new ParallelTransferOptions().setBlockSizeLong((long) BLOCK_SIZE)
				.setMaxSingleUploadSizeLong((long) BLOCK_SIZE)
				.setMaxConcurrency(1));
		call(bucket, BucketVerb.WRITE, "write '" + key + "'", null,
				() -> blob.uploadWithResponse(options, null, Context.NONE));
	}

	@Override
	public InputStream read(String bucket, String key) {
		BlobClient blob = blob(bucket, key);
		return call(bucket, BucketVerb.READ, "read '" + key + "'", key, blob::openInputStream);
	}

	@Override
	public ObjectMetadata metadata(String bucket, String key) {
		BlobClient blob = blob(bucket, key);
		BlobProperties properties = call(bucket, BucketVerb.READ, "read the metadata of '" + key + "'", key,
				blob::getProperties);
		return new ObjectMetadata(key, properties.getBlobSize(), ContentTypes.orDerived(key, properties.getContentType()),
				properties.getLastModified().toInstant());
	}

	@Override
	public boolean exists(String bucket, String key) {
		BlobClient blob = blob(bucket, key);
		return call(bucket, BucketVerb.READ, "check whether '" + key + "' exists", null, blob::exists);
	}

	@Override
	public void delete(String bucket, String key) {
		BlobClient blob = blob(bucket, key);
		call(bucket, BucketVerb.DELETE, "delete '" + key + "'", null, blob::deleteIfExists);
	}

	@Override
	public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
		BlobContainerClient container = container(bucket);
		ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(pageSize);
		if (!prefix.isEmpty()) {
			options.setPrefix(prefix);
		}
		return call(bucket, BucketVerb.READ, "list objects", null, () -> {
			PagedResponse<BlobItem> page = container.listBlobs(options, pageToken, null)
				.iterableByPage(pageToken, pageSize)
				.iterator()
				.next();
			List<String> keys = page.getValue().stream().map(BlobItem::getName).toList();
			String next = page.getContinuationToken();
			return new BucketListing(keys, (next != null && !next.isEmpty()) ? next : null);
		});
	}

	@Override
	public URI presignedUrl(String bucket, String key, PresignedUrlMethod method, Duration expiry) {
		BlobClient blob = blob(bucket, key);
		BlobSasPermission permission = (method == PresignedUrlMethod.DOWNLOAD) ? new BlobSasPermission().setReadPermission(true)
				: new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
		OffsetDateTime expiresOn = OffsetDateTime.now().plus(expiry);
		BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiresOn, permission);
		String sas = call(bucket, method.verb(), "sign a URL for '" + key + "'", null, () -> {
			try {
				return blob.generateSas(values);
			}
			catch (IllegalStateException | NullPointerException ex) {
				// Not signed in with the account key: sign with a user delegation key instead.
			}
			UserDelegationKey delegationKey = this.client.getUserDelegationKey(OffsetDateTime.now().minusMinutes(5),
					expiresOn);
			return blob.generateUserDelegationSas(values, delegationKey);
		});
		return URI.create(blob.getBlobUrl() + "?" + sas);
	}

	private <T> T call(String bucket, BucketVerb verb, String operation, @Nullable String key, Call<T> call) {
		try {
			return call.call();
		}
		catch (BlobStorageException ex) {
			String code = ((ex.getErrorCode() != null) ? ex.getErrorCode() + " " : "") + "(" + ex.getStatusCode() + ")";
			if (ex.getStatusCode() == 404 && key != null) {
				throw new ObjectNotFoundException(bucket, key);
			}
			if (ex.getStatusCode() == 403) {
				throw BucketStoreErrors.accessDenied(Cloud.AZURE, bucket, verb, operation, code, ex);
			}
			throw BucketStoreErrors.failed(bucket, operation, "Blob Storage " + code, ex);
		}
		catch (AzureException | UncheckedIOException ex) {
			throw BucketStoreErrors.failed(bucket, operation,
					"Blob Storage could not be reached or did not answer (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (BucketStorageException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// The SDK's reactive core wraps a failure to read the content (or to connect) in its own exceptions.
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw BucketStoreErrors.failed(bucket, operation, "the upload or download failed ("
					+ cause.getClass().getSimpleName() + "); nothing was committed", ex);
		}
	}

	@Override
	public String toString() {
		return "AzureBlobBucketStore";
	}

	@FunctionalInterface
	private interface Call<T> {

		T call();

	}

}
