package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.List;

/**
 * A cloud's gateway as emulated here (AWS, GCP, Azure). It decides with a {@link RequestMemo}: a memo of its own
 * for a request it decides alone, or the one the {@link PortableGateway} hands to the three clouds for a request, so
 * that they parse the token and verify its signature once between them. Deciding alone, it allows a request that
 * repeats the last one it allowed without checking it again ({@link LastAllowedDecision}) when its cache is enabled.
 */
abstract class EmulatedGateway implements Gateway {

	/** The cache of verified tokens, asked on a miss of the request's memo. */
	final VerifiedTokenCache cache;

	/** The last request allowed when this gateway decides alone. */
	private final LastAllowedDecision lastAllowed;

	EmulatedGateway(VerifiedTokenCache cache) {
		this.cache = cache;
		this.lastAllowed = LastAllowedDecision.whenCaching(List.of(cache));
	}

	@Override
	public final Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		return this.lastAllowed.decide(request, route, keys, now,
				() -> check(request, route, keys, now, new RequestMemo()));
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
