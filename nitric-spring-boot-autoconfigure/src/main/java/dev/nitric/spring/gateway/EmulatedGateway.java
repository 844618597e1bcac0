package dev.nitric.spring.gateway;

import java.time.Instant;

/**
 * A cloud's gateway as emulated here (AWS, GCP, Azure). It decides with a {@link RequestMemo}: a memo of its own
 * for a request it decides alone, or the one the {@link PortableGateway} hands to the three clouds for a request, so
 * that they parse the token and verify its signature once between them.
 */
abstract class EmulatedGateway implements Gateway {

	/** The cache of verified tokens, asked on a miss of the request's memo. */
	final VerifiedTokenCache cache;

	EmulatedGateway(VerifiedTokenCache cache) {
		this.cache = cache;
	}

	@Override
	public final Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		return check(request, route, keys, now, new RequestMemo());
	}

	/**
	 * Decide on a request, sharing what is worked out about it through a memo.
	 * @param request the request
	 * @param route the route's security
	 * @param keys the issuers' keys
	 * @param now the current time
	 * @param memo the memo of this request (never one of another request)
	 * @return the decision, the same as {@link #check(GatewayRequest, RoutePolicy, KeyResolver, Instant)} answers
	 */
	abstract Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now, RequestMemo memo);

}
