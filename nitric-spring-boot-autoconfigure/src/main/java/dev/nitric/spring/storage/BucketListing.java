package dev.nitric.spring.storage;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a bucket's keys, as S3's {@code ListObjectsV2}, Cloud Storage's {@code objects.list} and Blob Storage's
 * {@code List Blobs} return them: pass {@link #nextPageToken()} back to get the next page.
 *
 * @param keys the keys of this page, sorted
 * @param nextPageToken the opaque token of the next page, or {@code null} when this is the last page
 */
public record BucketListing(List<String> keys, @Nullable String nextPageToken) {

	/** Page size used when none is given: S3's and Blob Storage's maximum. */
	public static final int DEFAULT_PAGE_SIZE = 1000;

	public BucketListing {
		keys = List.copyOf(keys);
	}

	/**
	 * Whether another page follows.
	 * @return {@code true} if {@link #nextPageToken()} is not {@code null}
	 */
	public boolean hasNextPage() {
		return this.nextPageToken != null;
	}

}
