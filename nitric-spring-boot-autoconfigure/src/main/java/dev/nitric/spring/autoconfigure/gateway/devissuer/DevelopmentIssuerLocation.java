package dev.nitric.spring.autoconfigure.gateway.devissuer;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.NitricProperties.GatewayMode;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Where the development issuer lives: {@code http://localhost:<server.port>}{@value #PATH}, with port 8080 when the
 * port is unset, random or off, so that the manifest (also written without a web server) is the same on every run.
 * The one place that decides whether the development issuer is active and what
 * {@link dev.nitric.spring.model.SecurityDefinition#DEVELOPMENT_ISSUER} stands for.
 */
public final class DevelopmentIssuerLocation {

	/** Path under which the application serves the development issuer. */
	public static final String PATH = "/nitric/dev-issuer";

	private DevelopmentIssuerLocation() {
	}

	/**
	 * Return the development issuer's URL if it is active: in emulation mode, unless
	 * {@code nitric.dev-issuer.enabled=false}.
	 * @param properties the configuration
	 * @param environment the environment, for {@code server.port}
	 * @return the issuer URL, or {@code null} when no development issuer runs
	 */
	public static @Nullable String resolve(NitricProperties properties, Environment environment) {
		if (properties.gateway().mode() == GatewayMode.BEHIND_GATEWAY
				|| Boolean.FALSE.equals(properties.devIssuer().enabled())) {
			return null;
		}
		Integer port = environment.getProperty("server.port", Integer.class, 8080);
		return "http://localhost:" + ((port > 0) ? port : 8080) + PATH;
	}

}
