package dev.nitric.spring.cloud;

import org.jspecify.annotations.Nullable;

/**
 * One cloud permission behind a bucket verb, with where it must be granted and why, when the cloud forces more than
 * the verb asks for.
 *
 * @param name the permission's name: an IAM action on AWS, an IAM permission on GCP, a resource-provider operation on
 * Azure
 * @param scope what it is granted on
 * @param dataAction Azure only: whether the operation belongs in a role's {@code DataActions} (data plane) rather than
 * its {@code Actions} (control plane); always {@code false} on AWS and GCP
 * @param beyondVerb why the cloud needs this permission although it grants more than the verb, or {@code null} when it
 * grants exactly what the verb needs
 * @see <a href="https://learn.microsoft.com/azure/role-based-access-control/role-definitions#control-and-data-actions">
 * Azure: control and data actions</a>
 */
public record BucketPermission(String name, Scope scope, boolean dataAction, @Nullable String beyondVerb) {

	/**
	 * What a permission is granted on.
	 */
	public enum Scope {

		/**
		 * The bucket's objects: on AWS the object ARN {@code arn:aws:s3:::<bucket>/*}, on GCP a binding on the bucket,
		 * on Azure a role assignment on the container.
		 */
		OBJECTS,

		/**
		 * The bucket itself: on AWS the bucket ARN {@code arn:aws:s3:::<bucket>}, on GCP a binding on the bucket, on
		 * Azure a role assignment on the container.
		 */
		BUCKET,

		/**
		 * The storage account holding the container (Azure only): the narrowest scope at which Azure evaluates the
		 * operation.
		 */
		ACCOUNT

	}

}
