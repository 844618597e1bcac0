package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;

/**
 * The gateway of each target cloud.
 * <p>
 * <strong>Temporary stand-in, replaced at merge by the real per-cloud gateways.</strong> This version lets public
 * routes through and rejects every secured route whose request has no {@code Authorization: Bearer} header, with
 * AWS's {@code 401 {"message":"Unauthorized"}}; it verifies nothing else.
 */
public final class Gateways {

	private Gateways() {
	}

	/**
	 * The gateway of a target cloud.
	 * @param cloud the target cloud
	 * @return its gateway
	 */
	public static Gateway of(TargetCloud cloud) {
		return new PlaceholderGateway(cloud);
	}

	private record PlaceholderGateway(TargetCloud cloud) implements Gateway {

		private static final JwksPolicy POLICY = new JwksPolicy(Duration.ofMinutes(5), Duration.ZERO,
				Duration.ofSeconds(5), 512 * 1024);

		@Override
		public JwksPolicy jwksPolicy() {
			return POLICY;
		}

		@Override
		public Decision check(GatewayRequest request, RoutePolicy route, KeyResolver keys, Instant now) {
			if (route.isPublic()) {
				return Decision.allow(this.cloud, "public-route", null);
			}
			List<String> authorization = request.headerValues("Authorization");
			if (authorization.size() != 1 || !authorization.get(0).startsWith("Bearer ")) {
				return Decision.deny(this.cloud, 401, Map.of("WWW-Authenticate", "Bearer"), "application/json",
						"{\"message\":\"Unauthorized\"}", "missing-token", "The request has no bearer token");
			}
			String token = authorization.get(0).substring("Bearer ".length());
			VerifiedToken verified = new VerifiedToken(token, route.requirements().get(0).definition(), Map.of(),
					Map.of("sub", "unverified"), List.of());
			return Decision.allow(this.cloud, "valid-token", verified);
		}

	}

}
