package dev.nitric.spring.autoconfigure.gateway.devissuer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.nitric.spring.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Serves the {@link DevelopmentIssuer} under {@code /nitric/dev-issuer}:
 * <ul>
 * <li>{@code GET /.well-known/openid-configuration}: the discovery document;</li>
 * <li>{@code GET /jwks}: the key set;</li>
 * <li>{@code POST /token}: a new token. Fields, as a form or a JSON object: {@code sub} (default
 * {@code developer}), {@code scope} (space-delimited, or a JSON array), {@code aud} (repeatable, or a JSON array;
 * default: the first audience of the definitions using the development issuer) and {@code expires_in} (seconds,
 * default 3600, at most 86400). Answers {@code {"access_token":"…","token_type":"Bearer","expires_in":N}} as an
 * OAuth 2.0 token response, or {@code 400 {"error":"invalid_request","error_description":"…"}}.</li>
 * </ul>
 * No client authentication: this endpoint exists only on a developer's machine.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5">RFC 6749 §5 (token responses)</a>
 */
final class DevelopmentIssuerServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private final transient DevelopmentIssuer issuer;

	private final String issuerPath;

	DevelopmentIssuerServlet(DevelopmentIssuer issuer, String issuerPath) {
		this.issuer = issuer;
		this.issuerPath = issuerPath;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = (request.getPathInfo() != null) ? request.getPathInfo() : "";
		switch (path) {
			case "/.well-known/openid-configuration" -> write(response, 200, this.issuer.discoveryJson(baseUrl(request)));
			case "/jwks" -> write(response, 200, this.issuer.jwksJson());
			default -> write(response, 404, error("not_found", "The development issuer serves "
					+ "/.well-known/openid-configuration, /jwks and POST /token"));
		}
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"/token".equals(request.getPathInfo())) {
			write(response, 404, error("not_found", "Tokens are minted by POST " + this.issuerPath + "/token"));
			return;
		}
		try {
			TokenRequest tokenRequest = isJson(request) ? TokenRequest.fromJson(request) : TokenRequest.fromForm(request);
			String token = this.issuer.mint(tokenRequest.subject(), tokenRequest.scopes(), tokenRequest.audiences(),
					Duration.ofSeconds(tokenRequest.expiresIn()));
			response.setHeader("Cache-Control", "no-store");
			write(response, 200, "{\"access_token\":" + Json.quote(token) + ",\"token_type\":\"Bearer\",\"expires_in\":"
					+ tokenRequest.expiresIn() + "}");
		}
		catch (IllegalArgumentException ex) {
			write(response, 400, error("invalid_request", ex.getMessage()));
		}
	}

	private String baseUrl(HttpServletRequest request) {
		StringBuilder url = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
				|| ("https".equals(request.getScheme()) && port == 443);
		if (!defaultPort && port > 0) {
			url.append(':').append(port);
		}
		return url.append(request.getContextPath()).append(this.issuerPath).toString();
	}

	private static boolean isJson(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
	}

	private static String error(String code, @Nullable String description) {
		return "{\"error\":" + Json.quote(code) + ",\"error_description\":"
				+ Json.quote((description != null) ? description : code) + "}";
	}

	private static void write(HttpServletResponse response, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private record TokenRequest(String subject, List<String> scopes, List<String> audiences, long expiresIn) {

		static TokenRequest fromForm(HttpServletRequest request) {
			String[] audiences = request.getParameterValues("aud");
			return create(request.getParameter("sub"), words(request.getParameter("scope")),
					(audiences != null) ? Arrays.asList(audiences) : List.of(), request.getParameter("expires_in"));
		}

		static TokenRequest fromJson(HttpServletRequest request) throws IOException {
			String body = new String(request.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
			Object document = (body.isBlank()) ? Map.of() : Json.parse(body);
			if (!(document instanceof Map<?, ?> fields)) {
				throw new IllegalArgumentException("The token request must be a JSON object");
			}
			Object scope = fields.get("scope");
			Object expiresIn = fields.get("expires_in");
			return create(text(fields.get("sub"), "sub"),
					(scope instanceof List<?>) ? texts(scope, "scope") : words(text(scope, "scope")),
					texts(fields.get("aud"), "aud"), (expiresIn instanceof BigDecimal number) ? number.toPlainString()
							: text(expiresIn, "expires_in"));
		}

		private static TokenRequest create(@Nullable String subject, List<String> scopes, List<String> audiences,
				@Nullable String expiresIn) {
			long seconds = DevelopmentIssuer.DEFAULT_LIFETIME.toSeconds();
			if (expiresIn != null && !expiresIn.isBlank()) {
				try {
					seconds = Long.parseLong(expiresIn.trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("expires_in must be a whole number of seconds");
				}
			}
			if (seconds < 1 || seconds > DevelopmentIssuer.MAX_LIFETIME.toSeconds()) {
				throw new IllegalArgumentException(
						"expires_in must be between 1 and " + DevelopmentIssuer.MAX_LIFETIME.toSeconds() + " seconds");
			}
			for (String audience : audiences) {
				if (audience.isBlank()) {
					throw new IllegalArgumentException("aud must not be empty");
				}
			}
			return new TokenRequest((subject != null && !subject.isBlank()) ? subject : DevelopmentIssuer.DEFAULT_SUBJECT,
					scopes, audiences, seconds);
		}

		private static List<String> words(@Nullable String value) {
			return (value == null || value.isBlank()) ? List.of() : List.of(value.trim().split("\\s+"));
		}

		private static @Nullable String text(@Nullable Object value, String field) {
			if (value != null && !(value instanceof String)) {
				throw new IllegalArgumentException(field + " must be a string");
			}
			return (String) value;
		}

		private static List<String> texts(@Nullable Object value, String field) {
			if (value == null) {
				return List.of();
			}
			if (value instanceof String text) {
				return List.of(text);
			}
			if (value instanceof List<?> list) {
				List<String> texts = new ArrayList<>();
				for (Object item : list) {
					String text = text(item, field);
					if (text == null) {
						throw new IllegalArgumentException(field + " must not contain null");
					}
					texts.add(text);
				}
				return texts;
			}
			throw new IllegalArgumentException(field + " must be a string or an array of strings");
		}

	}

}
