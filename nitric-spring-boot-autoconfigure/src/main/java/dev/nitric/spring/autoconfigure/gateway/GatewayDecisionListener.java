package dev.nitric.spring.autoconfigure.gateway;

import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.RoutePolicy;

/**
 * Told of every decision of the gateway filter (emulating or behind the real gateway), allowed or rejected, after it
 * is made. Every bean of this type is called; the auto-configuration registers one that logs and, with Micrometer,
 * one that counts.
 */
@FunctionalInterface
public interface GatewayDecisionListener {

	/**
	 * Called once per request that hits a route of the manifest.
	 * @param request the request as the gateway saw it (it holds the token: do not log it)
	 * @param route the route's policy
	 * @param decision the decision
	 */
	void onDecision(GatewayRequest request, RoutePolicy route, Decision decision);

}
