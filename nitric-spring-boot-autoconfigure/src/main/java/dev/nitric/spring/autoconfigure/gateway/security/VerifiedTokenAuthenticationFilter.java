package dev.nitric.spring.autoconfigure.gateway.security;

import java.io.IOException;

import dev.nitric.spring.autoconfigure.gateway.NitricGatewayFilter;
import dev.nitric.spring.gateway.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside Spring Security's filter chain, turns the token that the gateway filter verified (request attribute
 * {@link NitricGatewayFilter#VERIFIED_TOKEN_ATTRIBUTE}, set only by the gateway filter, never by a client) into the
 * request's {@link VerifiedTokenAuthentication}. Requests without one are left as they are.
 */
final class VerifiedTokenAuthenticationFilter extends OncePerRequestFilter {

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(NitricGatewayFilter.VERIFIED_TOKEN_ATTRIBUTE) instanceof VerifiedToken token) {
			SecurityContext context = this.strategy.createEmptyContext();
			context.setAuthentication(new VerifiedTokenAuthentication(token));
			this.strategy.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
