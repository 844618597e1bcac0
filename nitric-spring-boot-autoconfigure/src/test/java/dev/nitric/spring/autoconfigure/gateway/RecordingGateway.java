package dev.nitric.spring.autoconfigure.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.nitric.spring.cloud.TargetCloud;
import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.Gateway;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.JwksPolicy;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.gateway.RoutePolicy;

/**
 * A {@link Gateway} test double that records what it was asked and answers with a given function.
 */
class RecordingGateway implements Gateway {

	static final JwksPolicy POLICY = new JwksPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(2),
			64 * 1024);

	final List<Call> calls = new ArrayList<>();

	private final Function<RoutePolicy, Decision> answer;

	RecordingGateway(Function<RoutePolicy, Decision> answer) {
		this.answer = answer;
	}

	static RecordingGateway allowingPublicRoutes(Function<RoutePolicy, Decision> securedAnswer) {
		return new RecordingGateway((route) -> route.isPublic() ? Decision.allow(TargetCloud.AWS, "public-route", null)
				: securedAnswer.apply(route));
	}

	@Override
	public TargetCloud cloud() {
		return TargetCloud.AWS;
	}

	@Override
	public JwksPolicy jwksPolicy() {
		return POLICY;
	}

	@Override
	public synchronized Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		this.calls.add(new Call(request, route, keys, now));
		return this.answer.apply(route);
	}

	record Call(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
	}

}
