package dev.nitric.spring.manifest;

import java.util.List;
import java.util.Set;

import dev.nitric.spring.model.BucketVerb;

/**
 * One bucket: the union of every declaration of it in the service.
 *
 * @param name the logical name
 * @param verbs the verbs the service may use, in {@link BucketVerb} order
 * @param declaredBy the declarations (bean names) that contributed to it, sorted
 */
public record BucketManifest(String name, Set<BucketVerb> verbs, List<String> declaredBy) {

	public BucketManifest {
		verbs = Set.copyOf(verbs);
		declaredBy = List.copyOf(declaredBy);
	}

	/**
	 * Whether the service may use a verb on this bucket.
	 * @param verb the verb
	 * @return {@code true} if declared
	 */
	public boolean allows(BucketVerb verb) {
		return this.verbs.contains(verb);
	}

}
