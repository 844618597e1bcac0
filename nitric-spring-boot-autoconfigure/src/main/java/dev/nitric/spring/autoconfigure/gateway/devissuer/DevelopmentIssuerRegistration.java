package dev.nitric.spring.autoconfigure.gateway.devissuer;

import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * Registers the servlet that serves a {@link DevelopmentIssuer}.
 */
public final class DevelopmentIssuerRegistration {

	private DevelopmentIssuerRegistration() {
	}

	/**
	 * A registration of the development issuer's endpoints under a path.
	 * @param issuer the issuer
	 * @param path the path, such as {@code /nitric/dev-issuer}
	 * @return the registration, mapped to {@code <path>/*}
	 */
	public static ServletRegistrationBean<?> servlet(DevelopmentIssuer issuer, String path) {
		ServletRegistrationBean<DevelopmentIssuerServlet> registration = new ServletRegistrationBean<>(
				new DevelopmentIssuerServlet(issuer, path), path + "/*");
		registration.setName("nitricDevelopmentIssuer");
		registration.setLoadOnStartup(-1);
		return registration;
	}

}
