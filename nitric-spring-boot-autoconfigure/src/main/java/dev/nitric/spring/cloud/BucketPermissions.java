package dev.nitric.spring.cloud;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.model.BucketVerb;

/**
 * The cloud permissions each bucket verb needs, and nothing more. The baseline for {@code write} is the list Nitric
 * publishes; where a cloud forces more than the verb (Cloud Storage needs {@code storage.objects.delete} to overwrite
 * an object), the extra permission is included and called out by the deployer.
 * <p>
 * AWS names are IAM actions (<a href=
 * "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html">Amazon S3 actions</a>), GCP
 * names are IAM permissions, Azure names are resource-provider operations (<a href=
 * "https://learn.microsoft.com/azure/role-based-access-control/permissions/storage">storage permissions</a>).
 */
public final class BucketPermissions {

	private static final String BLOB_SERVICES = "Microsoft.Storage/storageAccounts/blobServices/";

	private static final Map<Cloud, Map<BucketVerb, List<String>>> PERMISSIONS = new EnumMap<>(Cloud.class);

	static {
		put(Cloud.AWS, BucketVerb.READ, "s3:GetObject", "s3:ListBucket");
		put(Cloud.AWS, BucketVerb.WRITE, "s3:PutObject");
		put(Cloud.AWS, BucketVerb.DELETE, "s3:DeleteObject");
		put(Cloud.GCP, BucketVerb.READ, "storage.objects.get", "storage.objects.list");
		put(Cloud.GCP, BucketVerb.WRITE, "orgpolicy.policy.get", "storage.multipartUploads.abort",
				"storage.multipartUploads.create", "storage.multipartUploads.listParts", "storage.objects.create",
				"storage.objects.delete");
		put(Cloud.GCP, BucketVerb.DELETE, "storage.objects.delete");
		put(Cloud.AZURE, BucketVerb.READ, BLOB_SERVICES + "containers/blobs/read");
		put(Cloud.AZURE, BucketVerb.WRITE, BLOB_SERVICES + "containers/write",
				BLOB_SERVICES + "generateUserDelegationKey/action", BLOB_SERVICES + "containers/blobs/write",
				BLOB_SERVICES + "containers/blobs/add/action", BLOB_SERVICES + "containers/blobs/move/action");
		put(Cloud.AZURE, BucketVerb.DELETE, BLOB_SERVICES + "containers/blobs/delete");
	}

	private BucketPermissions() {
	}

	private static void put(Cloud cloud, BucketVerb verb, String... permissions) {
		PERMISSIONS.computeIfAbsent(cloud, (key) -> new EnumMap<>(BucketVerb.class)).put(verb, List.of(permissions));
	}

	/**
	 * Return the permissions a verb needs on a cloud.
	 * @param cloud the cloud
	 * @param verb the verb
	 * @return the permission names, in a stable order
	 */
	public static List<String> of(Cloud cloud, BucketVerb verb) {
		return PERMISSIONS.get(cloud).get(verb);
	}

}
