package dev.nitric.spring.autoconfigure.gateway;

import java.util.Locale;
import java.util.function.Supplier;

import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.RoutePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts decisions on the Micrometer counter {@value #METRIC_NAME}, tagged {@code cloud}, {@code api},
 * {@code outcome} ({@code allowed} or {@code rejected}) and {@code reason}. Tags have bounded values: reasons are
 * the gateways' short, stable codes.
 */
public final class DecisionMetrics implements GatewayDecisionListener {

	/** Name of the counter. */
	public static final String METRIC_NAME = "nitric.gateway.decisions";

	private final Supplier<@Nullable MeterRegistry> registry;

	/**
	 * Create a listener that counts on a registry.
	 * @param registry the registry, looked up on each decision so that it may be created after this listener; when
	 * it supplies {@code null}, nothing is counted
	 */
	public DecisionMetrics(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void onDecision(GatewayRequest request, RoutePolicy route, Decision decision) {
		MeterRegistry registry = this.registry.get();
		if (registry == null) {
			return;
		}
		Counter.builder(METRIC_NAME)
			.description("Decisions of the gateway filter, emulating the cloud's gateway or behind it")
			.tag("cloud", decision.cloud().name().toLowerCase(Locale.ROOT))
			.tag("api", route.api())
			.tag("outcome", DecisionLogger.outcome(decision))
			.tag("reason", decision.reason())
			.register(registry)
			.increment();
	}

}
