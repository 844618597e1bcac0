package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.nitric.spring.cloud.TargetCloud;

/**
 * Accepts only what every cloud's gateway accepts: a request reaches the application when AWS, GCP and Azure would
 * all let it through. Otherwise the answer is an RFC 9457 {@code application/problem+json} document naming each
 * cloud that rejects the request, with its status, reason and explanation, so that a developer fixes the problem
 * for every cloud at once.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 (problem details)</a>
 */
public final class PortableGateway implements Gateway {

	/** Problem type of a rejection. */
	public static final String PROBLEM_TYPE = "https://nitric.dev/spring/problems/gateway-rejection";

	/** Keys are fetched within every cloud's limits and refreshed as often as the quickest cloud does. */
	public static final JwksPolicy JWKS_POLICY = new JwksPolicy(Duration.ofSeconds(295), Duration.ZERO,
			Duration.ofMillis(1500), 150_000);

	private final List<Gateway> gateways;

	/**
	 * Create the portable gateway over the three clouds' gateways.
	 * @param gateways the gateways of AWS, GCP and Azure
	 */
	public PortableGateway(List<Gateway> gateways) {
		this.gateways = List.copyOf(gateways);
	}

	@Override
	public TargetCloud cloud() {
		return TargetCloud.PORTABLE;
	}

	@Override
	public JwksPolicy jwksPolicy() {
		return JWKS_POLICY;
	}

	@Override
	public Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		List<Decision> rejections = new ArrayList<>();
		List<Decision> acceptances = new ArrayList<>();
		for (Gateway gateway : this.gateways) {
			Decision decision = gateway.check(request, route, keys, now);
			(decision.allowed() ? acceptances : rejections).add(decision);
		}
		if (rejections.isEmpty()) {
			Decision first = acceptances.get(0);
			return Decision.allow(TargetCloud.PORTABLE, first.reason(), first.token());
		}
		int status = status(rejections);
		String title = switch (status) {
			case 403 -> "Forbidden";
			case 431 -> "Request Header Fields Too Large";
			default -> "Unauthorized";
		};
		String detail = "Rejected by " + rejections.stream()
			.map((decision) -> name(decision.cloud()) + " (" + decision.status() + " " + decision.reason() + ")")
			.collect(Collectors.joining(", "))
				+ (acceptances.isEmpty() ? ""
						: "; accepted by "
								+ acceptances.stream().map((decision) -> name(decision.cloud())).collect(Collectors.joining(", ")));
		StringBuilder body = new StringBuilder();
		body.append("{\"type\":").append(GatewayResponses.json(PROBLEM_TYPE));
		body.append(",\"title\":").append(GatewayResponses.json(title));
		body.append(",\"status\":").append(status);
		body.append(",\"detail\":").append(GatewayResponses.json(detail));
		body.append(",\"rejectedBy\":[");
		for (int i = 0; i < rejections.size(); i++) {
			Decision rejection = rejections.get(i);
			body.append((i > 0) ? "," : "")
				.append("{\"cloud\":")
				.append(GatewayResponses.json(rejection.cloud().name().toLowerCase(Locale.ROOT)))
				.append(",\"status\":")
				.append(rejection.status())
				.append(",\"reason\":")
				.append(GatewayResponses.json(rejection.reason()))
				.append(",\"detail\":")
				.append(GatewayResponses.json(rejection.detail()))
				.append(",\"body\":")
				.append(GatewayResponses.json(rejection.body()))
				.append('}');
		}
		body.append("],\"acceptedBy\":[")
			.append(acceptances.stream()
				.map((decision) -> GatewayResponses.json(decision.cloud().name().toLowerCase(Locale.ROOT)))
				.collect(Collectors.joining(",")))
			.append("]}");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("WWW-Authenticate", wwwAuthenticate(status, rejections));
		String reason = rejections.stream().map(Decision::reason).distinct().collect(Collectors.joining(","));
		return Decision.deny(TargetCloud.PORTABLE, status, headers, "application/problem+json", body.toString(), reason,
				detail);
	}

	private static int status(List<Decision> rejections) {
		if (rejections.stream().anyMatch((decision) -> decision.status() == 431)) {
			return 431;
		}
		return rejections.stream().anyMatch((decision) -> decision.status() == 401) ? 401 : 403;
	}

	private static String wwwAuthenticate(int status, List<Decision> rejections) {
		if (status == 403) {
			return "Bearer error=\"insufficient_scope\"";
		}
		if (rejections.stream().allMatch((decision) -> decision.reason().equals("missing-token"))) {
			return "Bearer";
		}
		return "Bearer error=\"invalid_token\"";
	}

	private static String name(TargetCloud cloud) {
		return switch (cloud) {
			case AWS -> "AWS";
			case GCP -> "GCP";
			case AZURE -> "Azure";
			case PORTABLE -> "portable";
		};
	}

}
