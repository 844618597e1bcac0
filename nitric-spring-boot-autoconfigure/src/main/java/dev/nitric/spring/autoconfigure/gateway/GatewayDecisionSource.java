package dev.nitric.spring.autoconfigure.gateway;

import java.time.Clock;
import java.util.Set;

import dev.nitric.spring.gateway.BehindGateway;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.RoutePolicy;

/**
 * Where the {@link NitricGatewayFilter} gets its decisions, one per {@code nitric.gateway.mode}: the emulated gateway
 * of the target cloud ({@code emulate}), or the application's side of the real one ({@code behind-gateway}).
 */
public interface GatewayDecisionSource {

	/**
	 * Decide on a request that hits a route of the manifest.
	 * @param request the request
	 * @param route the route's security
	 * @return the decision
	 */
	Decision decide(GatewayRequest request, RoutePolicy route);

	/**
	 * The identity headers (lower case) that the application must not see on a secured route, because a client may
	 * have forged them. They are left as sent on public routes, where they prove nothing.
	 * @return the header names
	 */
	Set<String> untrustedIdentityHeaders();

	/**
	 * Decide with an emulated gateway, which validates tokens itself. The headers a cloud gateway uses to pass the
	 * caller ({@link NitricGatewayFilter#GATEWAY_IDENTITY_HEADERS}) are never set by the emulation, so they are
	 * untrusted.
	 * @param gateway the emulated gateway
	 * @param keys the issuers' keys
	 * @param clock the clock giving "now" to the gateway
	 * @return the source
	 */
	static GatewayDecisionSource emulating(Gateway gateway, KeyResolver keys, Clock clock) {
		return new GatewayDecisionSource() {

			@Override
			public Decision decide(GatewayRequest request, RoutePolicy route) {
				return gateway.check(request, route, keys, clock.instant());
			}

			@Override
			public Set<String> untrustedIdentityHeaders() {
				return NitricGatewayFilter.GATEWAY_IDENTITY_HEADERS;
			}

		};
	}

	/**
	 * Decide behind the real gateway, trusting what it verified.
	 * @param gateway the application's side of the cloud's gateway
	 * @return the source
	 */
	static GatewayDecisionSource behind(BehindGateway gateway) {
		return new GatewayDecisionSource() {

			@Override
			public Decision decide(GatewayRequest request, RoutePolicy route) {
				return gateway.check(request, route);
			}

			@Override
			public Set<String> untrustedIdentityHeaders() {
				return gateway.untrustedIdentityHeaders();
			}

		};
	}

}
