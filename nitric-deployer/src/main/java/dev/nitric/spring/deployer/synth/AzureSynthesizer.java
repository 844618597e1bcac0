package dev.nitric.spring.deployer.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.nitric.spring.cloud.BucketNames;
import dev.nitric.spring.cloud.BucketPermission;
import dev.nitric.spring.cloud.BucketPermission.Scope;
import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.gateway.AzureApiManagementGateway;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.BucketVerb;

/**
 * Azure: one API Management service (Consumption) with an API per API, imported from OpenAPI 3, and an inbound policy
 * per operation ({@link AzurePolicy}); a storage account with a private container per bucket; a user-assigned
 * managed identity per service, a custom role per set of verbs (control-plane {@code Actions} and data-plane
 * {@code DataActions} split as Azure classifies each operation) assigned on each container, and a role for the
 * operations Azure evaluates on the storage account.
 *
 * @see <a href="https://learn.microsoft.com/azure/api-management/import-api-from-oas">Import an OpenAPI
 * specification</a>
 * @see <a href="https://learn.microsoft.com/azure/role-based-access-control/custom-roles">Azure custom roles</a>
 * @see <a href="https://learn.microsoft.com/azure/role-based-access-control/permissions/storage">Azure permissions for
 * Storage</a>
 */
final class AzureSynthesizer implements CloudSynthesizer {

	private static final String ACCOUNT_ROLE = "role_account";

	@Override
	public Cloud cloud() {
		return Cloud.AZURE;
	}

	@Override
	public SortedMap<String, String> files(Stack stack) {
		SortedMap<String, String> files = new TreeMap<>();
		for (ApiManifest api : stack.apis()) {
			files.put("openapi/" + api.name() + ".json", JsonOut.write(openApi(stack, api)));
			for (Stack.Route route : stack.routes(api)) {
				files.put("policies/" + api.name() + "/" + route.operationId() + ".xml",
						AzurePolicy.write(api, route.route()));
			}
		}
		PermissionsPage page = new PermissionsPage(Cloud.AZURE, "the user-assigned managed identity `nitric-"
				+ stack.serviceId(40) + "` (output `identity_client_id`)");
		Map<String, Map<String, Object>> roles = roles(stack, page);
		if (!roles.isEmpty()) {
			files.put("iam/" + stack.service() + ".roles.json", JsonOut.write(Maps.of("roles", new ArrayList<>(
					roles.values().stream().map((role) -> (Object) role.get("definition")).toList()))));
		}
		page.gatewayNote("Each operation's inbound policy (`policies/<api>/<operation>.xml`) deletes a client's "
				+ "`X-Forwarded-Authorization`, runs `validate-jwt` (scheme " + AzureApiManagementGateway.REQUIRED_SCHEME
				+ ", issuer and audiences exact, `exp` required, clock skew " + AzureApiManagementGateway.CLOCK_SKEW_SECONDS
				+ " s, " + AzureApiManagementGateway.FAILED_VALIDATION_STATUS + " on failure), checks the route's "
				+ "scopes (any-of over `scope` or `scp`, 403 otherwise), then copies the caller's `Authorization` into "
				+ "`X-Forwarded-Authorization`.");
		page.gatewayNote("Public routes delete a client's `X-Forwarded-Authorization` and check nothing else.");
		files.put("permissions.md", page.write());
		files.put("main.tf.json", JsonOut.write(terraform(stack, roles)));
		return files;
	}

	private Map<String, Object> openApi(Stack stack, ApiManifest api) {
		Map<String, Object> paths = new LinkedHashMap<>();
		for (Stack.Route route : stack.routes(api)) {
			RouteManifest manifestRoute = route.route();
			Map<String, Object> operation = Maps.of("operationId", route.operationId(), "summary",
					manifestRoute.method() + " " + manifestRoute.path(), "description",
					manifestRoute.isPublic() ? "Public route." : "Secured by the operation's policy (validate-jwt).",
					"responses",
					Maps.of("default", Maps.of("description", OpenApiPaths.responseDescription(manifestRoute))));
			List<Object> parameters = new ArrayList<>();
			for (String variable : OpenApiPaths.variables(manifestRoute.path())) {
				parameters.add(Maps.of("name", variable, "in", "path", "required", true, "schema",
						Maps.of("type", "string")));
			}
			if (!parameters.isEmpty()) {
				operation.put("parameters", parameters);
			}
			Maps.child(paths, manifestRoute.path()).put(manifestRoute.method().toLowerCase(Locale.ROOT), operation);
		}
		return Maps.of("openapi", "3.0.1", "info", Maps.of("title", api.name(), "version", "1.0.0", "description",
				"API '" + api.name() + "' of service '" + stack.service() + "', written by nitric:synth. Security is "
						+ "in each operation's policy."),
				"paths", paths);
	}

	/**
	 * One role per set of verbs (assigned on containers) and, if needed, one for the account-scoped operations.
	 */
	private Map<String, Map<String, Object>> roles(Stack stack, PermissionsPage page) {
		Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
		TreeSet<String> accountActions = new TreeSet<>();
		stack.bucketsByVerbs().forEach((verbsId, buckets) -> {
			TreeSet<String> actions = new TreeSet<>();
			TreeSet<String> dataActions = new TreeSet<>();
			TreeSet<String> account = new TreeSet<>();
			for (BucketVerb verb : Stack.verbs(verbsId)) {
				for (BucketPermission permission : BucketPermissions.describe(Cloud.AZURE, verb)) {
					if (permission.scope() == Scope.ACCOUNT) {
						account.add(permission.name());
					}
					else {
						(permission.dataAction() ? dataActions : actions).add(permission.name());
					}
					if (permission.beyondVerb() != null) {
						page.beyondVerb(permission.name(), permission.beyondVerb());
					}
				}
			}
			accountActions.addAll(account);
			String roleName = "nitric-" + stack.serviceId(40) + "-" + verbsId;
			roles.put("role_" + verbsId.replace('-', '_'), Maps.of("definition", definition(roleName,
					"Bucket verbs " + verbsId.replace('-', ' ') + " of service " + stack.service()
							+ ", assigned on each container",
					actions, dataActions), "buckets", buckets));
			for (BucketManifest bucket : buckets) {
				List<String> all = new ArrayList<>();
				actions.forEach((action) -> all.add("`" + action + "` (Actions)"));
				dataActions.forEach((action) -> all.add("`" + action + "` (DataActions)"));
				account.forEach((action) -> all.add("`" + action + "` (Actions, on the storage account)"));
				page.row(stack.service(), "bucket " + bucket.name(), verbsId.replace('-', ' '), String.join(", ", all),
						"custom role `" + roleName + "-<suffix>` assigned on container `"
								+ BucketNames.physicalBase(bucket.name()) + "-<suffix>`");
			}
		});
		if (!accountActions.isEmpty()) {
			roles.put(ACCOUNT_ROLE, Maps.of("definition", definition("nitric-" + stack.serviceId(40) + "-account",
					"Operations of service " + stack.service() + " that Azure evaluates on the storage account",
					accountActions, new TreeSet<>()), "buckets", List.of()));
		}
		return roles;
	}

	private static Map<String, Object> definition(String name, String description, TreeSet<String> actions,
			TreeSet<String> dataActions) {
		return Maps.of("Name", name + "-<suffix>", "IsCustom", true, "Description", description, "Actions",
				new ArrayList<>(actions), "NotActions", List.of(), "DataActions", new ArrayList<>(dataActions),
				"NotDataActions", List.of(), "AssignableScopes",
				List.of("/subscriptions/<subscription>/resourceGroups/<resource group>"));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> terraform(Stack stack, Map<String, Map<String, Object>> roles) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("terraform", Maps.of("required_providers",
				Maps.of("azurerm", Maps.of("source", "hashicorp/azurerm", "version", "~> 4.0"), "random",
						Maps.of("source", "hashicorp/random", "version", "~> 3.6"))));
		root.put("variable", Maps.of("backend_url",
				Maps.of("type", "string", "description",
						"Base URL where the service runs (https://...), without a trailing slash: every route is "
								+ "forwarded to it with its path appended"),
				"resource_group_name", Maps.of("type", "string", "description", "Existing resource group to deploy into"),
				"publisher_name", Maps.of("type", "string", "default", "Nitric", "description",
						"API Management publisher name"),
				"publisher_email", Maps.of("type", "string", "description", "API Management publisher e-mail")));
		root.put("provider", Maps.of("azurerm", Maps.of("features", Maps.of())));
		root.put("data", Maps.of("azurerm_resource_group", Maps.of("this", Maps.of("name", "${var.resource_group_name}"))));
		String group = "${data.azurerm_resource_group.this.name}";
		String location = "${data.azurerm_resource_group.this.location}";
		Map<String, Object> resources = new LinkedHashMap<>();
		root.put("resource", resources);
		Maps.child(resources, "random_id").put("suffix", Maps.of("byte_length", Stack.SUFFIX_BYTES));
		Maps.child(resources, "azurerm_user_assigned_identity").put("service", Maps.of("name",
				"nitric-" + stack.serviceId(40), "resource_group_name", group, "location", location));
		if (!stack.buckets().isEmpty()) {
			Maps.child(resources, "azurerm_storage_account").put("buckets", Maps.of("name",
					"nitric${random_id.suffix.hex}", "resource_group_name", group, "location", location,
					"account_tier", "Standard", "account_replication_type", "LRS", "min_tls_version", "TLS1_2",
					"allow_nested_items_to_be_public", false, "shared_access_key_enabled", false));
		}
		String principal = "${azurerm_user_assigned_identity.service.principal_id}";
		roles.forEach((name, role) -> {
			Map<String, Object> definition = (Map<String, Object>) role.get("definition");
			Maps.child(resources, "azurerm_role_definition").put(name, Maps.of("name",
					((String) definition.get("Name")).replace("<suffix>", "${random_id.suffix.hex}"), "description",
					definition.get("Description"), "scope", "${data.azurerm_resource_group.this.id}",
					"assignable_scopes", List.of("${data.azurerm_resource_group.this.id}"), "permissions",
					List.of(Maps.of("actions", definition.get("Actions"), "data_actions", definition.get("DataActions"),
							"not_actions", List.of(), "not_data_actions", List.of()))));
			for (BucketManifest bucket : (List<BucketManifest>) role.get("buckets")) {
				String bucketName = Stack.terraformName(bucket);
				Maps.child(resources, "azurerm_storage_container").put(bucketName, Maps.of("name",
						Stack.physicalName(bucket), "storage_account_id", "${azurerm_storage_account.buckets.id}",
						"container_access_type", "private"));
				Maps.child(resources, "azurerm_role_assignment").put(bucketName, Maps.of("scope",
						"${azurerm_storage_container." + bucketName + ".id}", "role_definition_id",
						"${azurerm_role_definition." + name + ".role_definition_resource_id}", "principal_id",
						principal, "principal_type", "ServicePrincipal"));
			}
			if (name.equals(ACCOUNT_ROLE)) {
				Maps.child(resources, "azurerm_role_assignment").put("account", Maps.of("scope",
						"${azurerm_storage_account.buckets.id}", "role_definition_id",
						"${azurerm_role_definition." + ACCOUNT_ROLE + ".role_definition_resource_id}", "principal_id",
						principal, "principal_type", "ServicePrincipal"));
			}
		});
		Map<String, Object> endpoints = new LinkedHashMap<>();
		if (!stack.apis().isEmpty()) {
			Maps.child(resources, "azurerm_api_management").put("gateway", Maps.of("name",
					"nitric-" + stack.serviceId(24) + "-${random_id.suffix.hex}", "resource_group_name", group,
					"location", location, "publisher_name", "${var.publisher_name}", "publisher_email",
					"${var.publisher_email}", "sku_name", "Consumption_0"));
		}
		for (ApiManifest api : stack.apis()) {
			String name = "api_" + api.name();
			String path = api.name().toLowerCase(Locale.ROOT);
			Maps.child(resources, "azurerm_api_management_api").put(name, Maps.of("name", path,
					"resource_group_name", group, "api_management_name", "${azurerm_api_management.gateway.name}",
					"revision", "1", "display_name", api.name(), "path", path, "protocols", List.of("https"),
					"service_url", "${var.backend_url}", "subscription_required", false, "import",
					List.of(Maps.of("content_format", "openapi+json", "content_value",
							"${file(\"${path.module}/openapi/" + api.name() + ".json\")}"))));
			for (Stack.Route route : stack.routes(api)) {
				Maps.child(resources, "azurerm_api_management_api_operation_policy").put(
						name + "_" + route.operationId(),
						Maps.of("api_name", "${azurerm_api_management_api." + name + ".name}", "api_management_name",
								"${azurerm_api_management.gateway.name}", "resource_group_name", group,
								"operation_id", route.operationId(), "xml_content", "${file(\"${path.module}/policies/"
										+ api.name() + "/" + route.operationId() + ".xml\")}"));
			}
			endpoints.put(api.name(), "${azurerm_api_management.gateway.gateway_url}/" + path);
		}
		root.put("output", Maps.of("environment",
				Maps.of("description", "Environment of the deployed service: NITRIC_BUCKET_<NAME> = physical bucket name",
						"value", stack.environment((bucket) -> "${azurerm_storage_container."
								+ Stack.terraformName(bucket) + ".name}")),
				"identity_client_id", Maps.of("description", "Client id of the identity the service runs as", "value",
						"${azurerm_user_assigned_identity.service.client_id}"),
				"api_endpoints", Maps.of("description", "Endpoint of each API", "value", endpoints)));
		if (!stack.buckets().isEmpty()) {
			((Map<String, Object>) root.get("output")).put("storage_account_name", Maps.of("description",
					"Storage account holding the containers", "value", "${azurerm_storage_account.buckets.name}"));
		}
		return root;
	}

}
