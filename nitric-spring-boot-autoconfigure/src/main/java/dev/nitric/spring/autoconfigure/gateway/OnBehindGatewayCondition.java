package dev.nitric.spring.autoconfigure.gateway;

import dev.nitric.spring.autoconfigure.NitricProperties;
import dev.nitric.spring.autoconfigure.NitricProperties.GatewayMode;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code nitric.gateway.mode} binds to {@link GatewayMode#BEHIND_GATEWAY}, with the binder's relaxed
 * rules ({@code behind-gateway}, {@code behind_gateway}, {@code BEHIND_GATEWAY}), exactly as
 * {@link NitricProperties} reads it: a spelling the properties accept can never leave secured routes without the
 * filter. A top-level class rather than a nested one: Spring reads every member class of an auto-configuration while
 * parsing it.
 */
final class OnBehindGatewayCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		GatewayMode mode = Binder.get(context.getEnvironment())
			.bind("nitric.gateway.mode", GatewayMode.class)
			.orElse(GatewayMode.EMULATE);
		return (mode == GatewayMode.BEHIND_GATEWAY) ? ConditionOutcome.match("nitric.gateway.mode is behind-gateway")
				: ConditionOutcome.noMatch("nitric.gateway.mode is " + mode);
	}

}
