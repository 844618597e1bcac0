package dev.nitric.spring.gateway;

import java.util.List;

import dev.nitric.spring.cloud.TargetCloud;

/**
 * The gateway of each target cloud.
 */
public final class Gateways {

	private Gateways() {
	}

	/**
	 * Return the gateway that {@code nitric.cloud} selects, with a cache of {@value VerifiedTokenCache#DEFAULT_CAPACITY}
	 * verified tokens.
	 * @param cloud the target cloud
	 * @return its gateway; for {@link TargetCloud#PORTABLE} the combination of all three
	 */
	public static Gateway of(TargetCloud cloud) {
		return of(cloud, VerifiedTokenCache.withCapacity(VerifiedTokenCache.DEFAULT_CAPACITY));
	}

	/**
	 * Return the gateway that {@code nitric.cloud} selects.
	 * @param cloud the target cloud
	 * @param cache the cache of verified tokens ({@link VerifiedTokenCache#disabled()} for none)
	 * @return its gateway; for {@link TargetCloud#PORTABLE} the combination of all three, sharing the cache
	 */
	public static Gateway of(TargetCloud cloud, VerifiedTokenCache cache) {
		return switch (cloud) {
			case AWS -> new AwsHttpApiGateway(cache);
			case GCP -> new GcpApiGateway(cache);
			case AZURE -> new AzureApiManagementGateway(cache);
			case PORTABLE -> new PortableGateway(List.of(new AwsHttpApiGateway(cache), new GcpApiGateway(cache),
					new AzureApiManagementGateway(cache)));
		};
	}

}
