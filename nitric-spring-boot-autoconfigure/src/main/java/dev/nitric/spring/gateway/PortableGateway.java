package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import dev.nitric.spring.cloud.TargetCloud;

/**
 * Accepts only what every cloud's gateway accepts: a request reaches the application when AWS, GCP and Azure would
 * all let it through. Otherwise the answer is an RFC 9457 {@code application/problem+json} document naming each
 * cloud that rejects the request, with its status, reason and explanation, so that a developer fixes the problem
 * for every cloud at once.
 * <p>
 * The three clouds' gateways share one {@link RequestMemo} per request: the token is parsed once and its signature
 * verified once between them, with or without a {@link VerifiedTokenCache}, and each still makes every check of its
 * own, so that each answers as it does alone. When the three cache verified tokens, a request that repeats the last
 * one allowed is allowed again without the checks ({@link LastAllowedDecision}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 (problem details)</a>
 */
public final class PortableGateway implements Gateway {

	/** Problem type of a rejection. */
	public static final String PROBLEM_TYPE = "https://nitric.dev/spring/problems/gateway-rejection";

	/** Keys are fetched within every cloud's limits and refreshed as often as the quickest cloud does. */
	public static final JwksPolicy JWKS_POLICY = new JwksPolicy(Duration.ofSeconds(295), Duration.ZERO,
			Duration.ofMillis(1500), 150_000);

	private final Gateway[] gateways;

	private final BiPredicate<Jwt, JsonWebKey> verification;

	/** The last request allowed, enabled when the three gateways cache verified tokens. */
	private final LastAllowedDecision lastAllowed;

	/**
	 * Create the portable gateway over the three clouds' gateways.
	 * @param gateways the gateways of AWS, GCP and Azure
	 */
	public PortableGateway(List<Gateway> gateways) {
		this(gateways, Signatures::verify);
	}

	/**
	 * Create the portable gateway with the signature check its requests' memos make.
	 * @param gateways the gateways of AWS, GCP and Azure
	 * @param verification {@link Signatures#verify(Jwt, JsonWebKey)}, or in tests a function counting its calls
	 */
	PortableGateway(List<Gateway> gateways, BiPredicate<Jwt, JsonWebKey> verification) {
		this.gateways = List.copyOf(gateways).toArray(new Gateway[0]);
		this.verification = verification;
		List<VerifiedTokenCache> caches = new ArrayList<>();
		for (Gateway gateway : this.gateways) {
			if (!(gateway instanceof EmulatedGateway emulated)) {
				caches.clear();
				break;
			}
			caches.add(emulated.cache);
		}
		this.lastAllowed = LastAllowedDecision.whenCaching(caches);
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
		return this.lastAllowed.decide(request, route, keys, now, () -> combine(decide(request, route, keys, now)));
	}

	private Decision combine(Decision[] decisions) {
		boolean allowed = true;
		for (Decision decision : decisions) {
			allowed &= decision.allowed();
		}
		if (allowed) {
			Decision first = decisions[0];
			return Decision.allow(TargetCloud.PORTABLE, first.reason(), first.token());
		}
		List<Decision> rejections = new ArrayList<>();
		List<Decision> acceptances = new ArrayList<>();
		for (Decision decision : decisions) {
			(decision.allowed() ? acceptances : rejections).add(decision);
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

	/**
	 * Each cloud's decision on a request, in the order of the gateways, made with one memo.
	 * @param request the request
	 * @param route the route's security
	 * @param keys the issuers' keys
	 * @param now the current time
	 * @return the decisions
	 */
	List<Decision> decisions(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		return List.of(decide(request, route, keys, now));
	}

	private Decision[] decide(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
		RequestMemo memo = new RequestMemo(this.verification);
		Decision[] decisions = new Decision[this.gateways.length];
		for (int i = 0; i < decisions.length; i++) {
			Gateway gateway = this.gateways[i];
			decisions[i] = (gateway instanceof EmulatedGateway emulated) ? emulated.check(request, route, keys, now, memo)
					: gateway.check(request, route, keys, now);
		}
		return decisions;
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
