package dev.nitric.spring.gateway;

import java.time.Instant;

import dev.nitric.spring.cloud.TargetCloud;

/**
 * A cloud's API gateway, as the deployer configures it: decides whether a request reaches the application and, if
 * not, answers exactly as that gateway does.
 */
public interface Gateway {

	/**
	 * Whose gateway this is.
	 * @return the cloud ({@link TargetCloud#PORTABLE} for the combination of all three)
	 */
	TargetCloud cloud();

	/**
	 * How this gateway fetches and caches keys.
	 * @return the policy
	 */
	JwksPolicy jwksPolicy();

	/**
	 * Decide on a request. Public routes are let through without looking at the request.
	 * @param request the request
	 * @param route the route's security
	 * @param keys the issuers' keys
	 * @param now the current time
	 * @return the decision
	 */
	Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now);

}
