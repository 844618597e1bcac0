package dev.nitric.spring.storage;

/**
 * Maps a bucket's logical name to its physical name in the cloud. The deployer gives a deployed service each name
 * in the environment variable {@link dev.nitric.spring.cloud.BucketNames#environmentVariable(String)}.
 */
@FunctionalInterface
public interface BucketNameResolver {

	/**
	 * Return the physical name of a bucket.
	 * @param logicalName the declared name
	 * @return the physical name
	 * @throws IllegalStateException if the physical name is not known
	 */
	String physicalName(String logicalName);

}
