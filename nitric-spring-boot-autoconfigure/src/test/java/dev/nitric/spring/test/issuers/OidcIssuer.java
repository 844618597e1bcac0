package dev.nitric.spring.test.issuers;

import java.net.URI;

/**
 * Test fixture: a running OIDC issuer that mints compact JWT access tokens on request. Start one per test class and
 * close it when the class is done; {@link #close()} stops the issuer.
 *
 * @see SpringAuthorizationServerIssuer
 * @see NodeOidcProvider
 */
public interface OidcIssuer extends AutoCloseable {

	/**
	 * The issuer identifier: exactly the {@code iss} of the tokens and the {@code issuer} of the discovery document.
	 * @return the issuer, without a trailing slash
	 */
	String issuer();

	/**
	 * The OIDC discovery document's address.
	 * @return {@code issuer() + "/.well-known/openid-configuration"}
	 */
	default URI discoveryUri() {
		return URI.create(issuer() + "/.well-known/openid-configuration");
	}

	/**
	 * Mint an access token with the client_credentials grant.
	 * @param request what the token should carry
	 * @return the compact JWS
	 * @throws UnsupportedOperationException if this issuer cannot shape a token as requested
	 * @throws IllegalStateException if the issuer refuses the request (for example an unknown scope)
	 */
	String token(TokenRequest request);

	/**
	 * Stop the issuer.
	 */
	@Override
	void close();

}
