package dev.nitric.spring.cloud;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.BucketPermission.Scope;
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

	private static final Map<Cloud, Map<BucketVerb, List<BucketPermission>>> PERMISSIONS = new EnumMap<>(Cloud.class);

	static {
		put(Cloud.AWS, BucketVerb.READ, objects("s3:GetObject"), new BucketPermission("s3:ListBucket", Scope.BUCKET,
				false, null));
		put(Cloud.AWS, BucketVerb.WRITE, objects("s3:PutObject"));
		put(Cloud.AWS, BucketVerb.DELETE, objects("s3:DeleteObject"));
		put(Cloud.GCP, BucketVerb.READ, objects("storage.objects.get"), objects("storage.objects.list"));
		put(Cloud.GCP, BucketVerb.WRITE,
				beyond("orgpolicy.policy.get", Scope.BUCKET, false,
						"in Nitric's write baseline (its upload path reads the organisation policy); it reads a policy "
								+ "and opens no object"),
				beyond("storage.multipartUploads.abort", Scope.OBJECTS, false,
						"multipart (XML API) uploads of large objects: lets the service abort its unfinished uploads"),
				objects("storage.multipartUploads.create"),
				beyond("storage.multipartUploads.listParts", Scope.OBJECTS, false,
						"multipart uploads: lists the parts already uploaded, to resume an upload"),
				objects("storage.objects.create"),
				beyond("storage.objects.delete", Scope.OBJECTS, false,
						"Cloud Storage needs it to overwrite an existing object, so a write-only service can also "
								+ "delete objects; there is no overwrite-only permission"));
		put(Cloud.GCP, BucketVerb.DELETE, objects("storage.objects.delete"));
		put(Cloud.AZURE, BucketVerb.READ, beyond(BLOB_SERVICES + "containers/blobs/read", Scope.OBJECTS, true,
				"Azure RBAC has one operation for getting and listing blobs"));
		put(Cloud.AZURE, BucketVerb.WRITE,
				beyond(BLOB_SERVICES + "containers/write", Scope.BUCKET, false,
						"in the write baseline: a control-plane write of the container (its properties and metadata); "
								+ "it opens no blob"),
				beyond(BLOB_SERVICES + "generateUserDelegationKey/action", Scope.ACCOUNT, false,
						"user-delegation key for pre-signed upload URLs; Azure evaluates it on the storage account, "
								+ "so it is assigned there; a URL signed with it is still limited to this role's "
								+ "data actions"),
				new BucketPermission(BLOB_SERVICES + "containers/blobs/write", Scope.OBJECTS, true, null),
				beyond(BLOB_SERVICES + "containers/blobs/add/action", Scope.OBJECTS, true,
						"appends blocks to an append blob: a form of write"),
				beyond(BLOB_SERVICES + "containers/blobs/move/action", Scope.OBJECTS, true,
						"renames a blob (hierarchical namespace): in the write baseline, it also removes the old name"));
		put(Cloud.AZURE, BucketVerb.DELETE,
				new BucketPermission(BLOB_SERVICES + "containers/blobs/delete", Scope.OBJECTS, true, null));
	}

	private BucketPermissions() {
	}

	private static BucketPermission objects(String name) {
		return new BucketPermission(name, Scope.OBJECTS, false, null);
	}

	private static BucketPermission beyond(String name, Scope scope, boolean dataAction, String reason) {
		return new BucketPermission(name, scope, dataAction, reason);
	}

	private static void put(Cloud cloud, BucketVerb verb, BucketPermission... permissions) {
		PERMISSIONS.computeIfAbsent(cloud, (key) -> new EnumMap<>(BucketVerb.class)).put(verb, List.of(permissions));
	}

	/**
	 * Describe the permissions a verb needs on a cloud: where each is granted, whether it is an Azure data action, and
	 * why, where the cloud forces more than the verb.
	 * @param cloud the cloud
	 * @param verb the verb
	 * @return the permissions, in a stable order
	 */
	public static List<BucketPermission> describe(Cloud cloud, BucketVerb verb) {
		return PERMISSIONS.get(cloud).get(verb);
	}

	/**
	 * Return the permissions a verb needs on a cloud.
	 * @param cloud the cloud
	 * @param verb the verb
	 * @return the permission names, in a stable order
	 */
	public static List<String> of(Cloud cloud, BucketVerb verb) {
		return describe(cloud, verb).stream().map(BucketPermission::name).toList();
	}

}
