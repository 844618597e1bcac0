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
	 * Return the gateway that {@code nitric.cloud} selects.
	 * @param cloud the target cloud
	 * @return its gateway; for {@link TargetCloud#PORTABLE} the combination of all three
	 */
	public static Gateway of(TargetCloud cloud) {
		return switch (cloud) {
			case AWS -> new AwsHttpApiGateway();
			case GCP -> new GcpApiGateway();
			case AZURE -> new AzureApiManagementGateway();
			case PORTABLE -> new PortableGateway(
					List.of(new AwsHttpApiGateway(), new GcpApiGateway(), new AzureApiManagementGateway()));
		};
	}

}
