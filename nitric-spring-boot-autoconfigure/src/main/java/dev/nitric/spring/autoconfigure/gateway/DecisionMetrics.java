package dev.nitric.spring.autoconfigure.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.nitric.spring.cloud.TargetCloud;
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

	/** The counters registered on one registry, by tags: registering on every request costs more than a check. */
	private volatile @Nullable Counters counters;

	/**
	 * Create a listener that counts on a registry.
	 * @param registry the registry, looked up on each decision until it is available (it may be created after this
	 * listener), then kept; while it supplies {@code null}, nothing is counted
	 */
	public DecisionMetrics(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void onDecision(GatewayRequest request, RoutePolicy route, Decision decision) {
		Counters counters = this.counters;
		if (counters == null) {
			// Looked up until found, then kept: resolving a bean on every request costs more than the whole check.
			MeterRegistry registry = this.registry.get();
			if (registry == null) {
				return;
			}
			counters = new Counters(registry, new ConcurrentHashMap<>());
			this.counters = counters;
		}
		MeterRegistry registry = counters.registry();
		CounterKey key = new CounterKey(decision.cloud(), route.api(), decision.allowed(), decision.reason());
		counters.byTags().computeIfAbsent(key, (tags) -> Counter.builder(METRIC_NAME)
			.description("Decisions of the gateway filter, emulating the cloud's gateway or behind it")
			.tag("cloud", tags.cloud().name().toLowerCase(Locale.ROOT))
			.tag("api", tags.api())
			.tag("outcome", DecisionLogger.outcome(decision))
			.tag("reason", tags.reason())
			.register(registry)).increment();
	}

	private record CounterKey(TargetCloud cloud, String api, boolean allowed, String reason) {
	}

	private record Counters(MeterRegistry registry, Map<CounterKey, Counter> byTags) {
	}

}
