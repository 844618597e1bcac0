package dev.nitric.spring.autoconfigure.gateway.security;

import java.util.List;

import dev.nitric.spring.gateway.VerifiedToken;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The {@code Authentication} of a request whose token the gateway verified: the principal is the
 * {@link VerifiedToken}, the authorities are its scopes prefixed with {@code SCOPE_}, as Spring Security's resource
 * server names them, so that {@code hasAuthority("SCOPE_orders.write")} works unchanged.
 */
public final class VerifiedTokenAuthentication extends AbstractAuthenticationToken {

	private final VerifiedToken token;

	/**
	 * Create an authenticated token.
	 * @param token the verified token
	 */
	public VerifiedTokenAuthentication(VerifiedToken token) {
		super(token.scopes().stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public VerifiedToken getPrincipal() {
		return this.token;
	}

	@Override
	public String getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return this.token.getName();
	}

	/**
	 * The scopes of the token.
	 * @return the scopes
	 */
	public List<String> scopes() {
		return this.token.scopes();
	}

}
