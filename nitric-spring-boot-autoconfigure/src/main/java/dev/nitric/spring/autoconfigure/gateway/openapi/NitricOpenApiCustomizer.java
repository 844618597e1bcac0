package dev.nitric.spring.autoconfigure.gateway.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.nitric.spring.autoconfigure.gateway.keys.DiscoveryKeyResolver;
import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import dev.nitric.spring.model.SecurityDefinition;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Documents the manifest's security in springdoc's OpenAPI document: one {@code openIdConnect} security scheme per
 * API and security definition, named {@code <api>.<definition>}, whose {@code openIdConnectUrl} is the issuer's
 * discovery document; and on every operation that is a route of the manifest, its effective security: an explicitly
 * empty {@code security: []} for a public route, otherwise one alternative per requirement with its scopes.
 * Operations that are not routes of the manifest are left as they are.
 *
 * @see <a href="https://spec.openapis.org/oas/v3.1.0#security-scheme-object">OpenAPI 3.1: Security Scheme Object</a>
 * @see <a href="https://spec.openapis.org/oas/v3.1.0#security-requirement-object">OpenAPI 3.1: Security Requirement
 * Object</a>
 */
public final class NitricOpenApiCustomizer implements GlobalOpenApiCustomizer {

	private final Supplier<Manifest> manifest;

	/**
	 * Create a customizer.
	 * @param manifest the manifest, read each time the document is built
	 */
	public NitricOpenApiCustomizer(Supplier<Manifest> manifest) {
		this.manifest = manifest;
	}

	/**
	 * Name of the security scheme of a security definition.
	 * @param api the API name
	 * @param definition the security definition name
	 * @return {@code <api>.<definition>}
	 */
	public static String schemeName(String api, String definition) {
		return api + "." + definition;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Manifest manifest = this.manifest.get();
		for (ApiManifest api : manifest.apis()) {
			for (SecurityDefinition definition : api.securityDefinitions()) {
				if (definition.issuer() != null) {
					components(openApi).addSecuritySchemes(schemeName(api.name(), definition.name()),
							new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
								.openIdConnectUrl(DiscoveryKeyResolver.discoveryUrl(definition.issuer())));
				}
			}
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
				String method = operation.getKey().name().toUpperCase(Locale.ROOT);
				for (ApiManifest api : manifest.apis()) {
					for (RouteManifest route : api.routes()) {
						if (route.method().equals(method) && normalize(route.path()).equals(normalize(path))) {
							operation.getValue().setSecurity(security(api, route));
						}
					}
				}
			}
		});
	}

	private static Components components(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		return openApi.getComponents();
	}

	private static List<SecurityRequirement> security(ApiManifest api, RouteManifest route) {
		List<SecurityRequirement> security = new ArrayList<>();
		for (dev.nitric.spring.model.SecurityRequirement requirement : route.security()) {
			security.add(new SecurityRequirement().addList(schemeName(api.name(), requirement.definition()),
					new ArrayList<>(requirement.scopes())));
		}
		return security;
	}

	/**
	 * A path template without regular expressions in its variables ({@code {id:\d+}} becomes {@code {id}}), as
	 * springdoc writes it.
	 */
	private static String normalize(String path) {
		return path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
	}

}
