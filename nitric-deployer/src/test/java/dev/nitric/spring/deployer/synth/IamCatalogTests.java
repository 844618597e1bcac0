package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.json.Json;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.model.BucketVerb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every permission the deployer writes exists in the catalogs of {@code ../shared/iam-catalog} (AWS exact case, GCP
 * exact, Azure case-insensitive, in {@code Actions} or {@code DataActions} as Azure classifies it); no wildcard
 * unless {@code permissions.md} gives its reason; a write-only bucket gets the write baseline and nothing to read.
 */
class IamCatalogTests {

	private static Set<String> aws;

	private static Set<String> gcp;

	private static Map<String, Set<String>> azureKinds;

	@BeforeAll
	static void readCatalogs() throws IOException {
		Path catalog = Fixtures.projectRoot().resolve("../shared/iam-catalog").normalize();
		assertThat(catalog).as("the IAM catalogs: ../shared/iam-catalog next to the folder holding mvnw").isDirectory();
		aws = new HashSet<>(Files.readAllLines(catalog.resolve("aws-actions.txt"), StandardCharsets.UTF_8));
		gcp = new HashSet<>(Files.readAllLines(catalog.resolve("gcp-permissions.txt"), StandardCharsets.UTF_8));
		azureKinds = new HashMap<>();
		for (String line : Files.readAllLines(catalog.resolve("azure-operations.txt"), StandardCharsets.UTF_8)) {
			String[] columns = line.split("\t");
			azureKinds.computeIfAbsent(columns[0].toLowerCase(Locale.ROOT), (key) -> new HashSet<>()).add(columns[1]);
		}
	}

	@Test
	void everyAwsActionIsInTheCatalogWithItsExactCase() {
		List<String> actions = awsStatements(Fixtures.everyVerb()).stream()
			.flatMap((statement) -> strings(statement.get("Action")).stream())
			.toList();
		assertThat(actions).isNotEmpty().allSatisfy((action) -> assertThat(aws).as(action).contains(action));
		assertThat(Fixtures.synthesize(Fixtures.demo()).get(Cloud.AWS).get("main.tf.json")).contains("sts:AssumeRole");
		assertThat(aws).contains("sts:AssumeRole");
	}

	@Test
	void everyGcpPermissionIsInTheCatalog() {
		List<String> permissions = gcpPermissions(Fixtures.everyVerb());
		assertThat(permissions).isNotEmpty().allSatisfy((permission) -> assertThat(gcp).as(permission).contains(permission));
	}

	@Test
	void everyAzureOperationIsInTheCatalogAsTheKindOfItsList() {
		Map<String, List<String>> lists = azureLists(Fixtures.everyVerb());
		assertThat(lists.get("actions")).isNotEmpty();
		assertThat(lists.get("data_actions")).isNotEmpty();
		lists.get("actions").forEach((name) -> assertThat(azureKinds.get(name.toLowerCase(Locale.ROOT))).as(name)
			.isNotNull()
			.contains("action"));
		lists.get("data_actions").forEach((name) -> assertThat(azureKinds.get(name.toLowerCase(Locale.ROOT))).as(name)
			.isNotNull()
			.contains("data"));
	}

	@Test
	void everyPermissionOfEveryVerbIsInTheCatalogs() {
		for (BucketVerb verb : BucketVerb.values()) {
			assertThat(BucketPermissions.of(Cloud.AWS, verb)).allSatisfy((name) -> assertThat(aws).contains(name));
			assertThat(BucketPermissions.of(Cloud.GCP, verb)).allSatisfy((name) -> assertThat(gcp).contains(name));
			BucketPermissions.describe(Cloud.AZURE, verb)
				.forEach((permission) -> assertThat(azureKinds.get(permission.name().toLowerCase(Locale.ROOT)))
					.as(permission.name())
					.contains(permission.dataAction() ? "data" : "action"));
		}
	}

	@Test
	void noWildcardUnlessPermissionsPageGivesItsReason() {
		Map<Cloud, SortedMap<String, String>> files = Fixtures.synthesize(Fixtures.everyVerb());
		List<String> values = new ArrayList<>();
		for (Map<String, Object> statement : awsStatements(Fixtures.everyVerb())) {
			values.addAll(strings(statement.get("Action")));
			values.addAll(strings(statement.get("Resource")));
		}
		String awsWildcards = wildcardSection(files.get(Cloud.AWS).get("permissions.md"));
		values.stream()
			.filter((value) -> value.contains("*"))
			.forEach((value) -> assertThat(awsWildcards).as(value).contains("| `" + value + "` | "));
		assertThat(gcpPermissions(Fixtures.everyVerb())).noneMatch((value) -> value.contains("*"));
		assertThat(azureLists(Fixtures.everyVerb()).values()).allSatisfy(
				(list) -> assertThat(list).noneMatch((value) -> value.contains("*")));
		assertThat(wildcardSection(files.get(Cloud.GCP).get("permissions.md"))).contains("None");
		assertThat(wildcardSection(files.get(Cloud.AZURE).get("permissions.md"))).contains("None");
	}

	@Test
	void writeOnlyBucketGetsTheWriteBaselineAndNothingToRead() {
		Manifest demo = Fixtures.demo();
		assertThat(awsStatements(demo)).singleElement()
			.satisfies((statement) -> assertThat(strings(statement.get("Action"))).containsExactly("s3:PutObject"));
		List<String> gcpSeed = List.of("orgpolicy.policy.get", "storage.multipartUploads.abort",
				"storage.multipartUploads.create", "storage.multipartUploads.listParts", "storage.objects.create");
		assertThat(gcpPermissions(demo)).containsAll(gcpSeed)
			.doesNotContain("storage.objects.get", "storage.objects.list", "storage.buckets.get", "storage.buckets.list");
		String blob = "Microsoft.Storage/storageAccounts/blobServices/";
		List<String> azureSeed = List.of(blob + "containers/write", blob + "generateUserDelegationKey/action",
				blob + "containers/blobs/write", blob + "containers/blobs/add/action", blob + "containers/blobs/move/action");
		List<String> azure = new ArrayList<>();
		azureLists(demo).values().forEach(azure::addAll);
		assertThat(azure).containsAll(azureSeed).noneMatch((name) -> name.toLowerCase(Locale.ROOT).endsWith("/read"));
	}

	private static String wildcardSection(String page) {
		int start = page.indexOf("## Wildcards");
		return page.substring(start, page.indexOf("\n## ", start + 1));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> awsStatements(Manifest manifest) {
		String policy = Fixtures.synthesize(manifest).get(Cloud.AWS).get("iam/" + manifest.service() + ".policy.json");
		Map<String, Object> document = (Map<String, Object>) Json.parse(policy);
		return (List<Map<String, Object>>) document.get("Statement");
	}

	@SuppressWarnings("unchecked")
	private static List<String> gcpPermissions(Manifest manifest) {
		Map<String, Object> root = (Map<String, Object>) Json
			.parse(Fixtures.synthesize(manifest).get(Cloud.GCP).get("main.tf.json"));
		Map<String, Object> roles = (Map<String, Object>) ((Map<String, Object>) root.get("resource"))
			.get("google_project_iam_custom_role");
		List<String> permissions = new ArrayList<>();
		roles.values().forEach((role) -> permissions.addAll(strings(((Map<String, Object>) role).get("permissions"))));
		return permissions;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> azureLists(Manifest manifest) {
		Map<String, Object> root = (Map<String, Object>) Json
			.parse(Fixtures.synthesize(manifest).get(Cloud.AZURE).get("main.tf.json"));
		Map<String, Object> roles = (Map<String, Object>) ((Map<String, Object>) root.get("resource"))
			.get("azurerm_role_definition");
		Map<String, List<String>> lists = new HashMap<>(Map.of("actions", new ArrayList<>(), "data_actions",
				new ArrayList<>(), "not_actions", new ArrayList<>(), "not_data_actions", new ArrayList<>()));
		roles.values().forEach((role) -> {
			List<Object> permissions = (List<Object>) ((Map<String, Object>) role).get("permissions");
			permissions.forEach((block) -> ((Map<String, Object>) block)
				.forEach((key, value) -> lists.get(key).addAll(strings(value))));
		});
		assertThat(lists.get("not_actions")).isEmpty();
		assertThat(lists.get("not_data_actions")).isEmpty();
		return lists;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		if (value instanceof String text) {
			return List.of(text);
		}
		return (List<String>) value;
	}

}
