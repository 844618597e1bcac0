package dev.nitric.spring.autoconfigure.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.nitric.spring.cloud.BucketNames;
import dev.nitric.spring.storage.BucketNameResolver;

import org.springframework.core.env.Environment;

/**
 * Reads each bucket's physical name from the environment variable the deployer sets,
 * {@link BucketNames#environmentVariable(String)}, through Spring's {@link Environment} (so that a property of that
 * name works too, for tests).
 */
final class EnvironmentBucketNameResolver implements BucketNameResolver {

	private final Environment environment;

	private final String backend;

	private final Map<String, String> names = new ConcurrentHashMap<>();

	EnvironmentBucketNameResolver(Environment environment, String backend) {
		this.environment = environment;
		this.backend = backend;
	}

	@Override
	public String physicalName(String logicalName) {
		return this.names.computeIfAbsent(logicalName, this::lookUp);
	}

	private String lookUp(String logicalName) {
		String variable = BucketNames.environmentVariable(logicalName);
		String physical = this.environment.getProperty(variable);
		if (physical == null || physical.isBlank()) {
			throw new IllegalStateException("Bucket '" + logicalName + "' has no physical name: the " + this.backend
					+ " backend reads it from the environment variable " + variable
					+ ", which the deployer sets. Set it to the bucket's name in the cloud, or use "
					+ "nitric.storage.backend=local to keep objects on the local file system.");
		}
		return physical;
	}

}
