package dev.nitric.spring.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.nitric.spring.model.BucketVerb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link BucketPermissions}, against the IAM catalogs of the three clouds kept in {@code shared/iam-catalog}
 * next to the repository.
 */
class BucketPermissionsTests {

	private static final String BLOB_SERVICES = "Microsoft.Storage/storageAccounts/blobServices/";

	private static Set<String> awsActions;

	private static Set<String> gcpPermissions;

	private static Set<String> azureOperations;

	@BeforeAll
	static void readCatalogs() throws IOException {
		Path catalog = catalogFolder();
		awsActions = Set.copyOf(Files.readAllLines(catalog.resolve("aws-actions.txt")));
		gcpPermissions = Set.copyOf(Files.readAllLines(catalog.resolve("gcp-permissions.txt")));
		azureOperations = Files.readAllLines(catalog.resolve("azure-operations.txt"))
			.stream()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split("\t", -1)[0].toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		assertThat(awsActions).as("AWS catalog").contains("s3:GetObject");
		assertThat(gcpPermissions).as("GCP catalog").contains("storage.objects.get");
		assertThat(azureOperations).as("Azure catalog").contains((BLOB_SERVICES + "containers/blobs/read").toLowerCase(Locale.ROOT));
	}

	private static Path catalogFolder() {
		Path start = Path.of("").toAbsolutePath();
		Path root = start;
		while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
			root = root.getParent();
		}
		if (root == null) {
			return fail("Could not find the repository root (the folder with mvnw) above " + start);
		}
		Path catalog = root.resolve("../shared/iam-catalog").normalize();
		if (!Files.isDirectory(catalog)) {
			return fail("The IAM catalogs are missing: expected them in " + catalog
					+ " (the folder 'shared/iam-catalog' next to the repository, as on CI)");
		}
		return catalog;
	}

	@ParameterizedTest
	@EnumSource(BucketVerb.class)
	void awsPermissionsExistExactly(BucketVerb verb) {
		assertThat(BucketPermissions.of(Cloud.AWS, verb)).isNotEmpty().allSatisfy((action) -> assertThat(awsActions)
			.as("AWS action %s of verb %s", action, verb)
			.contains(action));
	}

	@ParameterizedTest
	@EnumSource(BucketVerb.class)
	void gcpPermissionsExistExactly(BucketVerb verb) {
		assertThat(BucketPermissions.of(Cloud.GCP, verb)).isNotEmpty().allSatisfy((permission) -> assertThat(gcpPermissions)
			.as("GCP permission %s of verb %s", permission, verb)
			.contains(permission));
	}

	@ParameterizedTest
	@EnumSource(BucketVerb.class)
	void azureOperationsExistIgnoringCase(BucketVerb verb) {
		assertThat(BucketPermissions.of(Cloud.AZURE, verb)).isNotEmpty()
			.allSatisfy((operation) -> assertThat(azureOperations).as("Azure operation %s of verb %s", operation, verb)
				.contains(operation.toLowerCase(Locale.ROOT)));
	}

	@Test
	void awsWriteIsExactlyPutObject() {
		assertThat(BucketPermissions.of(Cloud.AWS, BucketVerb.WRITE)).containsExactly("s3:PutObject");
	}

	@Test
	void awsReadIsGetObjectAndListBucket() {
		assertThat(BucketPermissions.of(Cloud.AWS, BucketVerb.READ)).containsExactly("s3:GetObject", "s3:ListBucket");
	}

	@Test
	void gcpWriteContainsSeedListAndNoObjectRead() {
		List<String> write = BucketPermissions.of(Cloud.GCP, BucketVerb.WRITE);
		assertThat(write).contains("orgpolicy.policy.get", "storage.multipartUploads.abort",
				"storage.multipartUploads.create", "storage.multipartUploads.listParts", "storage.objects.create");
		assertThat(write).noneMatch((permission) -> permission.startsWith("storage.objects.")
				&& (permission.endsWith(".get") || permission.endsWith(".list")));
	}

	@Test
	void azureWriteContainsSeedListAndNoBlobRead() {
		List<String> write = BucketPermissions.of(Cloud.AZURE, BucketVerb.WRITE);
		assertThat(write).contains(BLOB_SERVICES + "containers/write", BLOB_SERVICES + "generateUserDelegationKey/action",
				BLOB_SERVICES + "containers/blobs/write", BLOB_SERVICES + "containers/blobs/add/action",
				BLOB_SERVICES + "containers/blobs/move/action");
		assertThat(write).noneMatch((operation) -> operation.endsWith("blobs/read"));
	}

	@ParameterizedTest
	@EnumSource(Cloud.class)
	void deleteNeedsNoReadPermission(Cloud cloud) {
		assertThat(BucketPermissions.of(cloud, BucketVerb.DELETE))
			.noneMatch((permission) -> permission.endsWith("GetObject") || permission.endsWith(".get")
					|| permission.endsWith("/read"));
	}

}
