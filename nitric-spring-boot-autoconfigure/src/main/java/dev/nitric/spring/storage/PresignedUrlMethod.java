package dev.nitric.spring.storage;

import dev.nitric.spring.model.BucketVerb;

/**
 * What a pre-signed URL allows, and the verb a bucket needs to sign it.
 */
public enum PresignedUrlMethod {

	/** An HTTP {@code GET} of the object; needs {@link BucketVerb#READ}. */
	DOWNLOAD(BucketVerb.READ),

	/** An HTTP {@code PUT} of the object's new content; needs {@link BucketVerb#WRITE}. */
	UPLOAD(BucketVerb.WRITE);

	private final BucketVerb verb;

	PresignedUrlMethod(BucketVerb verb) {
		this.verb = verb;
	}

	/**
	 * The verb the bucket must be declared with.
	 * @return the verb
	 */
	public BucketVerb verb() {
		return this.verb;
	}

}
