package dev.nitric.spring.autoconfigure.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.nitric.spring.manifest.ApiManifest;
import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.RouteManifest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Applied to every {@link HttpSecurity} of the application (Spring Security 7's modular configuration): the gateway
 * filter in front has already decided on the manifest's routes, so Spring Security here
 * <ul>
 * <li>sees the verified token as the request's {@code Authentication} ({@link VerifiedTokenAuthentication});</li>
 * <li>permits the public routes (the gateway does not inspect them, and neither does the cloud);</li>
 * <li>does not ask the routes for a CSRF token: they are called with bearer tokens, not cookies;</li>
 * <li>lets the development issuer's endpoints through, when it runs.</li>
 * </ul>
 * Rules the application adds for the secured routes (for example {@code hasAuthority("SCOPE_admin")}) still apply.
 */
public final class NitricHttpSecurityCustomizer implements Customizer<HttpSecurity> {

	private final Supplier<Manifest> manifest;

	private final @Nullable String developmentIssuerPath;

	/**
	 * Create the customizer.
	 * @param manifest supplies the manifest
	 * @param developmentIssuerPath the path under which the development issuer is served, or {@code null} when it
	 * does not run
	 */
	public NitricHttpSecurityCustomizer(Supplier<Manifest> manifest, @Nullable String developmentIssuerPath) {
		this.manifest = manifest;
		this.developmentIssuerPath = developmentIssuerPath;
	}

	@Override
	public void customize(HttpSecurity http) {
		Manifest manifest = this.manifest.get();
		RequestMatcher publicRoutes = matcher(manifest, true);
		RequestMatcher allRoutes = matcher(manifest, false);
		try {
			http.addFilterAfter(new VerifiedTokenAuthenticationFilter(), SecurityContextHolderFilter.class);
			if (publicRoutes != null) {
				http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(publicRoutes).permitAll());
			}
			if (allRoutes != null) {
				http.csrf((csrf) -> csrf.ignoringRequestMatchers(allRoutes));
			}
			if (this.developmentIssuerPath != null) {
				RequestMatcher issuer = PathPatternRequestMatcher.withDefaults()
					.matcher(this.developmentIssuerPath + "/**");
				http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(issuer).permitAll());
				http.csrf((csrf) -> csrf.ignoringRequestMatchers(issuer));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot apply Nitric's gateway routes to Spring Security", ex);
		}
	}

	private static @Nullable RequestMatcher matcher(Manifest manifest, boolean publicOnly) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (ApiManifest api : manifest.apis()) {
			for (RouteManifest route : api.routes()) {
				if (!publicOnly || route.isPublic()) {
					matchers.add(PathPatternRequestMatcher.withDefaults()
						.matcher(HttpMethod.valueOf(route.method()), route.path()));
				}
			}
		}
		return matchers.isEmpty() ? null : new OrRequestMatcher(matchers);
	}

}
