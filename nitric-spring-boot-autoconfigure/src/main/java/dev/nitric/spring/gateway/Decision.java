package dev.nitric.spring.gateway;

import java.util.Map;

import dev.nitric.spring.cloud.TargetCloud;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's answer to a request: let it through to the application, or answer it with the exact status, headers
 * and body the cloud's gateway sends.
 *
 * @param cloud whose gateway decided
 * @param allowed whether the request reaches the application
 * @param status the HTTP status of a rejection; 0 when allowed
 * @param headers the response headers of a rejection (for example {@code WWW-Authenticate})
 * @param contentType the content type of a rejection's body
 * @param body the body of a rejection
 * @param reason why, for logs and metrics: a short, stable, lower-case code such as {@code expired}
 * @param detail a sentence for people: what was wrong, and for undocumented behaviour that the emulator is strict
 * @param token the verified token when allowed on a secured route; {@code null} otherwise
 */
public record Decision(TargetCloud cloud, boolean allowed, int status, Map<String, String> headers, String contentType,
		String body, String reason, String detail, @Nullable VerifiedToken token) {

	public Decision {
		headers = Map.copyOf(headers);
	}

	/**
	 * Let a request through.
	 * @param cloud the deciding cloud
	 * @param reason why ({@code public-route} or {@code valid-token})
	 * @param token the verified token, or {@code null} on a public route
	 * @return the decision
	 */
	public static Decision allow(TargetCloud cloud, String reason, @Nullable VerifiedToken token) {
		return new Decision(cloud, true, 0, Map.of(), "", "", reason, reason, token);
	}

	/**
	 * Reject a request.
	 * @param cloud the deciding cloud
	 * @param status the status
	 * @param headers the headers
	 * @param contentType the body's content type
	 * @param body the body
	 * @param reason the short reason code
	 * @param detail the sentence for people
	 * @return the decision
	 */
	public static Decision deny(TargetCloud cloud, int status, Map<String, String> headers, String contentType,
			String body, String reason, String detail) {
		return new Decision(cloud, false, status, headers, contentType, body, reason, detail, null);
	}

}
