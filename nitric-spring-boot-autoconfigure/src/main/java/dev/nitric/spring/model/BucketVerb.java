package dev.nitric.spring.model;

import java.util.Locale;

/**
 * What a service may do with the objects of a bucket. A bucket is declared with the few verbs the code needs;
 * everything else is refused, locally and in the cloud.
 */
public enum BucketVerb {

	/** Get an object and list the bucket's keys. */
	READ,

	/** Put (create or overwrite) an object. */
	WRITE,

	/** Delete an object. */
	DELETE;

	/**
	 * Return the verb's name as it appears in the manifest and in messages ({@code read}, {@code write},
	 * {@code delete}).
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parse a verb from its manifest name.
	 * @param id {@code read}, {@code write} or {@code delete}, in any case
	 * @return the verb
	 * @throws IllegalArgumentException if the name is not a verb
	 */
	public static BucketVerb fromId(String id) {
		for (BucketVerb verb : values()) {
			if (verb.id().equalsIgnoreCase(id.trim())) {
				return verb;
			}
		}
		throw new IllegalArgumentException("Unknown bucket verb '" + id + "': use read, write or delete");
	}

}
