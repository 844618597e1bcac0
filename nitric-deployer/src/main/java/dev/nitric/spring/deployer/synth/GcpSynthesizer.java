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
import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;

/**
 * GCP: an API Gateway (ESPv2) per API from a Swagger 2.0 document with {@code x-google-*} JWT settings and a backend;
 * a Cloud Storage bucket per bucket; a service account per service, a custom role per set of verbs and a binding on
 * each bucket. API Gateway does not check scopes: the application does.
 *
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt">Using JWTs to authenticate
 * users</a>
 * @see <a href="https://cloud.google.com/endpoints/docs/openapi/openapi-extensions">OpenAPI extensions
 * (x-google-backend, x-google-issuer, x-google-jwks_uri, x-google-audiences)</a>
 * @see <a href="https://cloud.google.com/endpoints/docs/openapi/openapi-limitations">OpenAPI feature limitations
 * (scopes are not checked)</a>
 * @see <a href="https://cloud.google.com/storage/docs/access-control/iam-permissions">Cloud Storage IAM
 * permissions</a>
 */
final class GcpSynthesizer implements CloudSynthesizer {

	static final String SCOPES_NOTE = "GCP API Gateway (ESPv2) does not check scopes: the application enforces each "
			+ "route's scopes itself (any-of over scope or scp, 403 otherwise), locally and behind the gateway.";

	private final JwksUris jwksUris;

	GcpSynthesizer(JwksUris jwksUris) {
		this.jwksUris = jwksUris;
	}

	@Override
	public Cloud cloud() {
		return Cloud.GCP;
	}

	@Override
	public SortedMap<String, String> files(Stack stack) {
		SortedMap<String, String> files = new TreeMap<>();
		for (ApiManifest api : stack.apis()) {
			files.put("openapi/" + api.name() + ".json", Templates.render(JsonOut.write(swagger(stack, api))));
		}
		PermissionsPage page = new PermissionsPage(Cloud.GCP,
				"the service account `" + serviceAccountId(stack) + "` (output `service_account_email`)");
		Map<String, Object> roles = roles(stack, page);
		if (!stack.buckets().isEmpty()) {
			files.put("iam/" + stack.service() + ".roles.json", JsonOut.write(Maps.of("roles", roles)));
		}
		page.gatewayNote("API Gateway checks the issuer (`x-google-issuer`), the signature (`x-google-jwks_uri`) and "
				+ "the audiences (`x-google-audiences`, always set) of every secured route.");
		page.gatewayNote(SCOPES_NOTE);
		page.gatewayNote("The gateway calls the backend as the service account of output "
				+ "`gateway_service_account_email`: grant it `roles/run.invoker` on the backend, and the caller's token "
				+ "reaches the backend in `X-Forwarded-Authorization`.");
		files.put("permissions.md", page.write());
		files.put("main.tf.json", JsonOut.write(terraform(stack, roles)));
		return files;
	}

	private Map<String, Object> swagger(Stack stack, ApiManifest api) {
		Map<String, Object> paths = new LinkedHashMap<>();
		Map<String, TreeSet<String>> scopes = new TreeMap<>();
		for (Stack.Route route : stack.routes(api)) {
			RouteManifest manifestRoute = route.route();
			for (SecurityRequirement requirement : manifestRoute.security()) {
				scopes.computeIfAbsent(requirement.definition(), (key) -> new TreeSet<>()).addAll(requirement.scopes());
			}
			Map<String, Object> operation = Maps.of("operationId", route.operationId(), "responses",
					Maps.of("default", Maps.of("description", OpenApiPaths.responseDescription(manifestRoute))),
					"security", OpenApiPaths.security(manifestRoute));
			List<Object> parameters = new ArrayList<>();
			for (String variable : OpenApiPaths.variables(manifestRoute.path())) {
				parameters.add(Maps.of("name", variable, "in", "path", "required", true, "type", "string"));
			}
			if (!parameters.isEmpty()) {
				operation.put("parameters", parameters);
			}
			Maps.child(paths, manifestRoute.path()).put(manifestRoute.method().toLowerCase(Locale.ROOT), operation);
		}
		Map<String, Object> document = Maps.of("swagger", "2.0", "info",
				Maps.of("title", api.name(), "version", "1.0.0", "description",
						"API '" + api.name() + "' of service '" + stack.service() + "', written by nitric:synth. "
								+ SCOPES_NOTE),
				"schemes", List.of("https"), "produces", List.of("application/json"), "x-google-backend",
				Maps.of("address", Templates.BACKEND_URL, "path_translation", "APPEND_PATH_TO_ADDRESS"), "paths",
				paths);
		if (!api.securityDefinitions().isEmpty()) {
			Map<String, Object> definitions = new LinkedHashMap<>();
			for (SecurityDefinition definition : api.securityDefinitions()) {
				Map<String, Object> declaredScopes = new LinkedHashMap<>();
				scopes.getOrDefault(definition.name(), new TreeSet<>())
					.forEach((scope) -> declaredScopes.put(scope, "Checked by the application, not by the gateway"));
				definitions.put(definition.name(),
						Maps.of("type", "oauth2", "flow", "implicit", "authorizationUrl", "", "scopes", declaredScopes,
								"x-google-issuer", definition.issuer(), "x-google-jwks_uri",
								this.jwksUris.jwksUri(api.name(), definition), "x-google-audiences",
								String.join(",", definition.audiences())));
			}
			document.put("securityDefinitions", definitions);
		}
		return document;
	}

	private static String serviceAccountId(Stack stack) {
		return "nitric-" + stack.serviceId(23);
	}

	private static String roleResource(String verbsId) {
		return "role_" + verbsId.replace('-', '_');
	}

	private Map<String, Object> roles(Stack stack, PermissionsPage page) {
		Map<String, Object> roles = new LinkedHashMap<>();
		stack.bucketsByVerbs().forEach((verbsId, buckets) -> {
			List<String> permissions = new ArrayList<>(new TreeSet<>(permissions(verbsId)));
			roles.put(roleResource(verbsId),
					Maps.of("roleId", roleId(stack, verbsId) + "_<suffix>", "title",
							"Nitric " + stack.service() + " " + verbsId.replace('-', ' '), "stage", "GA",
							"includedPermissions", permissions, "boundOn",
							buckets.stream().map((bucket) -> "bucket " + bucket.name()).toList()));
			for (BucketManifest bucket : buckets) {
				page.row(stack.service(), "bucket " + bucket.name(), verbsId.replace('-', ' '),
						"`" + String.join("`, `", permissions) + "`",
						"custom role `" + roleId(stack, verbsId) + "_<suffix>` bound on bucket `"
								+ BucketNames.physicalBase(bucket.name()) + "-<suffix>`");
			}
			for (BucketVerb verb : Stack.verbs(verbsId)) {
				for (BucketPermission permission : BucketPermissions.describe(Cloud.GCP, verb)) {
					if (permission.beyondVerb() != null) {
						page.beyondVerb(permission.name(), permission.beyondVerb());
					}
				}
			}
		});
		return roles;
	}

	private static List<String> permissions(String verbsId) {
		List<String> permissions = new ArrayList<>();
		for (BucketVerb verb : Stack.verbs(verbsId)) {
			permissions.addAll(BucketPermissions.of(Cloud.GCP, verb));
		}
		return permissions;
	}

	private static String roleId(Stack stack, String verbsId) {
		// role_id: at most 64 of [a-zA-Z0-9_.]; with the longest verb set and the suffix, the service gets 24.
		return "nitric_" + stack.serviceId(24).replace('-', '_') + "_" + verbsId.replace('-', '_');
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> terraform(Stack stack, Map<String, Object> roles) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("terraform", Maps.of("required_providers",
				Maps.of("google", Maps.of("source", "hashicorp/google", "version", "~> 6.0"), "google-beta",
						Maps.of("source", "hashicorp/google-beta", "version", "~> 6.0"), "random",
						Maps.of("source", "hashicorp/random", "version", "~> 3.6"))));
		root.put("variable", Maps.of("backend_url",
				Maps.of("type", "string", "description",
						"Base URL where the service runs (https://...), without a trailing slash: every route is "
								+ "forwarded to it with its path appended"),
				"project", Maps.of("type", "string", "description", "GCP project id"), "region",
				Maps.of("type", "string", "default", "us-central1", "description", "GCP region")));
		Map<String, Object> provider = Maps.of("project", "${var.project}", "region", "${var.region}");
		root.put("provider", Maps.of("google", provider, "google-beta", provider));
		Map<String, Object> resources = new LinkedHashMap<>();
		root.put("resource", resources);
		Maps.child(resources, "random_id").put("suffix", Maps.of("byte_length", Stack.SUFFIX_BYTES));
		Maps.child(resources, "google_service_account").put("service", Maps.of("account_id", serviceAccountId(stack),
				"display_name", "Nitric service " + stack.service()));
		roles.forEach((name, role) -> {
			Map<String, Object> description = (Map<String, Object>) role;
			String verbsId = name.substring("role_".length()).replace('_', '-');
			Maps.child(resources, "google_project_iam_custom_role").put(name, Maps.of("role_id",
					roleId(stack, verbsId) + "_${random_id.suffix.hex}", "title", description.get("title"),
					"description", "Bucket verbs " + verbsId.replace('-', ' ') + " of service " + stack.service(),
					"stage", "GA", "permissions", description.get("includedPermissions")));
		});
		for (BucketManifest bucket : stack.buckets()) {
			String name = Stack.terraformName(bucket);
			Maps.child(resources, "google_storage_bucket").put(name, Maps.of("name", Stack.physicalName(bucket),
					"location", "${var.region}", "uniform_bucket_level_access", true, "public_access_prevention",
					"enforced"));
			Maps.child(resources, "google_storage_bucket_iam_member").put(name, Maps.of("bucket",
					"${google_storage_bucket." + name + ".name}", "role", "${google_project_iam_custom_role."
							+ roleResource(Stack.verbsId(bucket.verbs())) + ".name}",
					"member", "serviceAccount:${google_service_account.service.email}"));
		}
		Map<String, Object> endpoints = new LinkedHashMap<>();
		if (!stack.apis().isEmpty()) {
			Maps.child(resources, "google_service_account").put("gateway", Maps.of("account_id",
					"nitric-gw-" + stack.serviceId(20), "display_name", "Nitric API Gateway of " + stack.service()));
		}
		for (ApiManifest api : stack.apis()) {
			String name = "api_" + api.name();
			String id = api.name().toLowerCase(Locale.ROOT);
			Maps.child(resources, "google_api_gateway_api").put(name, Maps.of("provider", "google-beta", "api_id",
					id + "-${random_id.suffix.hex}", "display_name", api.name()));
			Maps.child(resources, "google_api_gateway_api_config").put(name, Maps.of("provider", "google-beta", "api",
					"${google_api_gateway_api." + name + ".api_id}", "api_config_id_prefix",
					// Terraform appends 26 characters; an API config id has at most 63.
					id.substring(0, Math.min(id.length(), 30)) + "-",
					"openapi_documents", List.of(Maps.of("document", List.of(Maps.of("path", "openapi.json",
							"contents", "${base64encode(" + Templates.templatefileCall("openapi/" + api.name() + ".json",
									Map.of("backend_url", "var.backend_url")) + ")}")))),
					"gateway_config", List.of(Maps.of("backend_config", List.of(Maps.of("google_service_account",
							"${google_service_account.gateway.email}")))),
					"lifecycle", Maps.of("create_before_destroy", true)));
			Maps.child(resources, "google_api_gateway_gateway").put(name, Maps.of("provider", "google-beta",
					"gateway_id", id + "-${random_id.suffix.hex}", "api_config",
					"${google_api_gateway_api_config." + name + ".id}", "region", "${var.region}"));
			endpoints.put(api.name(), "https://${google_api_gateway_gateway." + name + ".default_hostname}");
		}
		Map<String, Object> outputs = Maps.of("environment",
				Maps.of("description", "Environment of the deployed service: NITRIC_BUCKET_<NAME> = physical bucket name",
						"value", stack.environment((bucket) -> "${google_storage_bucket." + Stack.terraformName(bucket)
								+ ".name}")),
				"service_account_email", Maps.of("description", "Service account the service runs as", "value",
						"${google_service_account.service.email}"),
				"api_endpoints", Maps.of("description", "Endpoint of each API", "value", endpoints));
		if (!stack.apis().isEmpty()) {
			outputs.put("gateway_service_account_email", Maps.of("description",
					"Service account the gateway calls the backend as: grant it roles/run.invoker on the backend",
					"value", "${google_service_account.gateway.email}"));
		}
		root.put("output", outputs);
		return root;
	}

}
