package dev.nitric.spring.autoconfigure.gateway;

import java.util.Locale;

import dev.nitric.spring.gateway.Decision;
import dev.nitric.spring.gateway.GatewayRequest;
import dev.nitric.spring.gateway.RoutePolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one structured line per decision on the logger {@code dev.nitric.spring.gateway}: rejections at INFO, allowed
 * requests at DEBUG, as {@code key=value} pairs ({@code cloud}, {@code api}, {@code method}, {@code route},
 * {@code outcome}, {@code status}, {@code reason}, and the quoted {@code detail} of a rejection). Never the token.
 */
public final class DecisionLogger implements GatewayDecisionListener {

	/** Name of the logger. */
	public static final String LOGGER_NAME = "dev.nitric.spring.gateway";

	private final Log logger;

	/**
	 * Create a logger on {@value #LOGGER_NAME}.
	 */
	public DecisionLogger() {
		this(LogFactory.getLog(LOGGER_NAME));
	}

	DecisionLogger(Log logger) {
		this.logger = logger;
	}

	@Override
	public void onDecision(GatewayRequest request, RoutePolicy route, Decision decision) {
		if (decision.allowed() ? this.logger.isDebugEnabled() : this.logger.isInfoEnabled()) {
			String line = line(route, decision);
			if (decision.allowed()) {
				this.logger.debug(line);
			}
			else {
				this.logger.info(line);
			}
		}
	}

	static String line(RoutePolicy route, Decision decision) {
		StringBuilder line = new StringBuilder("gateway decision")
			.append(" cloud=").append(decision.cloud().name().toLowerCase(Locale.ROOT))
			.append(" api=").append(route.api())
			.append(" method=").append(route.method())
			.append(" route=").append(route.path())
			.append(" outcome=").append(outcome(decision))
			.append(" status=").append(decision.allowed() ? 0 : decision.status())
			.append(" reason=").append(decision.reason());
		if (!decision.allowed()) {
			line.append(" detail=\"").append(decision.detail().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return line.toString();
	}

	static String outcome(Decision decision) {
		return decision.allowed() ? "allowed" : "rejected";
	}

}
