package dev.nitric.spring.deployer.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.nitric.spring.cloud.BucketPermission;
import dev.nitric.spring.cloud.BucketPermission.Scope;
import dev.nitric.spring.cloud.BucketPermissions;
import dev.nitric.spring.cloud.Cloud;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.BucketManifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;

/**
 * AWS: an API Gateway HTTP API per API, imported from OpenAPI 3 with a JWT authorizer per security definition and an
 * HTTP proxy integration per route to the backend; an S3 bucket per bucket; an IAM role per service with an inline
 * policy granting exactly the declared verbs.
 * <p>
 * Each operation carries its effective {@code security}: on import, the scopes of its requirement become the route's
 * {@code authorizationScopes} (any-of, 403 otherwise), and {@code security: []} leaves a public route without an
 * authorizer. The issuer is set explicitly in {@code jwtConfiguration} rather than left to discovery from
 * {@code openIdConnectUrl}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html">Working with
 * OpenAPI definitions for HTTP APIs</a>
 * @see <a href=
 * "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-swagger-extensions-authorizer.html">x-amazon-apigateway-authorizer</a>
 * @see <a href=
 * "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-swagger-extensions-integration.html">x-amazon-apigateway-integration</a>
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html">Actions,
 * resources and condition keys for Amazon S3</a>
 */
final class AwsSynthesizer implements CloudSynthesizer {

	static final String IDENTITY_SOURCE = "$request.header.Authorization";

	@Override
	public Cloud cloud() {
		return Cloud.AWS;
	}

	@Override
	public SortedMap<String, String> files(Stack stack) {
		SortedMap<String, String> files = new TreeMap<>();
		for (ApiManifest api : stack.apis()) {
			files.put("openapi/" + api.name() + ".json", Templates.render(JsonOut.write(openApi(stack, api))));
		}
		PermissionsPage page = new PermissionsPage(Cloud.AWS,
				"the IAM role `nitric-" + stack.serviceId(30) + "-<suffix>` (output `role_arn`), trusted by the "
						+ "compute service named in the variable `compute_service_principal`");
		if (!stack.buckets().isEmpty()) {
			files.put(policyFile(stack), Templates.render(JsonOut.write(policy(stack, page))));
		}
		page.gatewayNote("API Gateway HTTP API JWT authorizers check the issuer, the audiences and the signature, and "
				+ "each route's scopes (any-of, from `scope` or `scp`, 403 otherwise): the same checks as "
				+ "`nitric.cloud=aws` locally.");
		page.gatewayNote("Public routes (`security: []`) have no authorizer.");
		files.put("permissions.md", page.write());
		files.put("main.tf.json", JsonOut.write(terraform(stack)));
		return files;
	}

	private static String policyFile(Stack stack) {
		return "iam/" + stack.service() + ".policy.json";
	}

	private Map<String, Object> openApi(Stack stack, ApiManifest api) {
		Map<String, Object> paths = new LinkedHashMap<>();
		for (Stack.Route route : stack.routes(api)) {
			RouteManifest manifestRoute = route.route();
			Map<String, Object> operation = Maps.of("operationId", route.operationId(), "responses",
					Maps.of("default", Maps.of("description", OpenApiPaths.responseDescription(manifestRoute))),
					"security", OpenApiPaths.security(manifestRoute), "x-amazon-apigateway-integration",
					Maps.of("type", "http_proxy", "httpMethod", manifestRoute.method(), "uri",
							Templates.BACKEND_URL + manifestRoute.path(), "payloadFormatVersion", "1.0",
							"connectionType", "INTERNET"));
			List<Object> parameters = new ArrayList<>();
			for (String variable : OpenApiPaths.variables(manifestRoute.path())) {
				parameters.add(Maps.of("name", variable, "in", "path", "required", true, "schema",
						Maps.of("type", "string")));
			}
			if (!parameters.isEmpty()) {
				operation.put("parameters", parameters);
			}
			Maps.child(paths, manifestRoute.path()).put(manifestRoute.method().toLowerCase(Locale.ROOT),
					operation);
		}
		Map<String, Object> document = Maps.of("openapi", "3.0.1", "info",
				Maps.of("title", api.name(), "version", "1.0.0", "description",
						"API '" + api.name() + "' of service '" + stack.service() + "', written by nitric:synth."),
				"paths", paths);
		if (!api.securityDefinitions().isEmpty()) {
			Map<String, Object> schemes = new LinkedHashMap<>();
			for (SecurityDefinition definition : api.securityDefinitions()) {
				String issuer = String.valueOf(definition.issuer());
				schemes.put(definition.name(), Maps.of("type", "openIdConnect", "openIdConnectUrl",
						JwksUris.discoveryUrl(issuer), "x-amazon-apigateway-authorizer",
						Maps.of("type", "jwt", "identitySource", IDENTITY_SOURCE, "jwtConfiguration",
								Maps.of("issuer", issuer, "audience", definition.audiences()))));
			}
			document.put("components", Maps.of("securitySchemes", schemes));
		}
		return document;
	}

	private Map<String, Object> policy(Stack stack, PermissionsPage page) {
		List<Object> statements = new ArrayList<>();
		stack.bucketsByVerbs().forEach((verbsId, buckets) -> {
			List<String> objectActions = new ArrayList<>();
			List<String> bucketActions = new ArrayList<>();
			for (BucketVerb verb : Stack.verbs(verbsId)) {
				for (BucketPermission permission : BucketPermissions.describe(Cloud.AWS, verb)) {
					(permission.scope() == Scope.OBJECTS ? objectActions : bucketActions).add(permission.name());
				}
			}
			List<String> objectArns = buckets.stream().map(AwsSynthesizer::objectArn).toList();
			List<String> bucketArns = buckets.stream().map(AwsSynthesizer::bucketArn).toList();
			if (!objectActions.isEmpty()) {
				statements.add(Maps.of("Effect", "Allow", "Action", objectActions, "Resource", objectArns));
			}
			if (!bucketActions.isEmpty()) {
				statements.add(Maps.of("Effect", "Allow", "Action", bucketActions, "Resource", bucketArns));
			}
			for (BucketManifest bucket : buckets) {
				String grantedOn = (objectActions.isEmpty() ? "" : "`" + rendered(objectArn(bucket)) + "`")
						+ ((!objectActions.isEmpty() && !bucketActions.isEmpty()) ? " and " : "")
						+ (bucketActions.isEmpty() ? "" : "`" + rendered(bucketArn(bucket)) + "` (`"
								+ String.join("`, `", bucketActions) + "`)");
				List<String> all = new ArrayList<>(objectActions);
				all.addAll(bucketActions);
				page.row(stack.service(), "bucket " + bucket.name(), verbsId.replace('-', ' '),
						"`" + String.join("`, `", all) + "`", grantedOn);
				page.wildcard(rendered(objectArn(bucket)), "the objects of this one bucket: S3 names objects by "
						+ "key, and the keys are not known in advance, so `<bucket ARN>/*` is the narrowest form");
			}
			for (BucketVerb verb : Stack.verbs(verbsId)) {
				for (BucketPermission permission : BucketPermissions.describe(Cloud.AWS, verb)) {
					if (permission.beyondVerb() != null) {
						page.beyondVerb(permission.name(), permission.beyondVerb());
					}
				}
			}
		});
		if (stack.bucketsByVerbs().values().stream().flatMap(List::stream).anyMatch((b) -> b.allows(BucketVerb.READ))) {
			page.beyondVerb("s3:ListBucket", "listing is an action on the bucket, not on its objects: it is granted "
					+ "on the bucket ARN (and lists every key of that bucket)");
		}
		return Maps.of("Version", "2012-10-17", "Statement", statements);
	}

	private static String objectArn(BucketManifest bucket) {
		return "arn:aws:s3:::" + Templates.variable(Stack.terraformName(bucket)) + "/*";
	}

	private static String bucketArn(BucketManifest bucket) {
		return "arn:aws:s3:::" + Templates.variable(Stack.terraformName(bucket));
	}

	private static String rendered(String value) {
		return Templates.render(value);
	}

	private Map<String, Object> terraform(Stack stack) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("terraform", Maps.of("required_providers",
				Maps.of("aws", Maps.of("source", "hashicorp/aws", "version", "~> 5.0"), "random",
						Maps.of("source", "hashicorp/random", "version", "~> 3.6"))));
		root.put("variable", Maps.of("backend_url",
				Maps.of("type", "string", "description",
						"Base URL where the service runs (https://...), without a trailing slash: every route is "
								+ "proxied to it with its path appended"),
				"region", Maps.of("type", "string", "default", "us-east-1", "description", "AWS region"),
				"compute_service_principal",
				Maps.of("type", "string", "default", "ecs-tasks.amazonaws.com", "description",
						"The AWS service that runs the service and assumes its role (ecs-tasks.amazonaws.com, "
								+ "lambda.amazonaws.com, tasks.apprunner.amazonaws.com)")));
		root.put("provider", Maps.of("aws", Maps.of("region", "${var.region}")));
		Map<String, Object> resources = new LinkedHashMap<>();
		root.put("resource", resources);
		Maps.child(resources, "random_id").put("suffix", Maps.of("byte_length", Stack.SUFFIX_BYTES));
		Map<String, Object> environment = stack.environment((bucket) -> "${aws_s3_bucket."
				+ Stack.terraformName(bucket) + ".bucket}");
		Map<String, String> templateVariables = new TreeMap<>();
		for (BucketManifest bucket : stack.buckets()) {
			String name = Stack.terraformName(bucket);
			Maps.child(resources, "aws_s3_bucket").put(name, Maps.of("bucket", Stack.physicalName(bucket)));
			Maps.child(resources, "aws_s3_bucket_public_access_block").put(name,
					Maps.of("bucket", "${aws_s3_bucket." + name + ".id}", "block_public_acls", true,
							"block_public_policy", true, "ignore_public_acls", true, "restrict_public_buckets", true));
			templateVariables.put(name, "aws_s3_bucket." + name + ".bucket");
		}
		Maps.child(resources, "aws_iam_role").put("service", Maps.of("name",
				"nitric-" + stack.serviceId(30) + "-${random_id.suffix.hex}", "description",
				"Identity of service '" + stack.service() + "' (nitric:synth)", "assume_role_policy",
				"${jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"sts:AssumeRole\", "
						+ "Principal = {Service = var.compute_service_principal}}]})}"));
		if (!stack.buckets().isEmpty()) {
			Maps.child(resources, "aws_iam_role_policy").put("service", Maps.of("name", "nitric-buckets", "role",
					"${aws_iam_role.service.id}", "policy", Templates.templatefile(policyFile(stack), templateVariables)));
		}
		Map<String, Object> endpoints = new LinkedHashMap<>();
		for (ApiManifest api : stack.apis()) {
			String name = "api_" + api.name();
			Maps.child(resources, "aws_apigatewayv2_api").put(name, Maps.of("name", api.name(), "protocol_type", "HTTP",
					"fail_on_warnings", true, "body", Templates.templatefile("openapi/" + api.name() + ".json",
							Map.of("backend_url", "var.backend_url"))));
			Maps.child(resources, "aws_apigatewayv2_stage").put(name, Maps.of("api_id",
					"${aws_apigatewayv2_api." + name + ".id}", "name", "$default", "auto_deploy", true));
			endpoints.put(api.name(), "${aws_apigatewayv2_api." + name + ".api_endpoint}");
		}
		root.put("output", Maps.of("environment", Maps.of("description",
				"Environment of the deployed service: NITRIC_BUCKET_<NAME> = physical bucket name", "value", environment),
				"role_arn", Maps.of("description", "Role the service runs as", "value", "${aws_iam_role.service.arn}"),
				"api_endpoints", Maps.of("description", "Endpoint of each API", "value", endpoints)));
		return root;
	}

}
