package dev.nitric.spring.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GatewayRequest}.
 */
class GatewayRequestTests {

	@Test
	void createWhenNamesDifferInCaseThenMergesTheirValuesInOrderUnderTheLowerCaseName() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Authorization", List.of("Bearer a"));
		headers.put("AUTHORIZATION", new ArrayList<>(List.of("Bearer b", "Bearer c")));
		GatewayRequest request = new GatewayRequest("GET", "/planets", null, headers);
		assertThat(request.headers()).containsOnlyKeys("authorization");
		assertThat(request.headerValues("Authorization")).containsExactly("Bearer a", "Bearer b", "Bearer c");
	}

	@Test
	void createWhenHeadersAreAlreadyNormalizedThenKeepsTheirValues() {
		Map<String, List<String>> headers = Map.of("host", List.of("example"), "x-many", List.of("1", "2"));
		GatewayRequest request = new GatewayRequest("GET", "/planets", null, headers);
		assertThat(request.headers()).isEqualTo(headers);
		assertThat(request.headerValues("X-Many")).containsExactly("1", "2");
	}

	@Test
	void createWhenGivenModifiableCollectionsThenLaterChangesDoNotReachTheRequest() {
		List<String> values = new ArrayList<>(List.of("Bearer a"));
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("authorization", values);
		GatewayRequest request = new GatewayRequest("GET", "/planets", null, headers);
		values.add("Bearer forged");
		headers.put("x-apigateway-api-userinfo", List.of("forged"));
		assertThat(request.headers()).containsOnlyKeys("authorization");
		assertThat(request.headerValues("authorization")).containsExactly("Bearer a");
	}

	@Test
	void headersAreUnmodifiable() {
		GatewayRequest request = new GatewayRequest("GET", "/planets", null, Map.of("host", List.of("example")));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.headers().put("authorization", List.of("Bearer forged")));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.headerValues("host").add("other"));
	}

	@Test
	void headerBytesCountsTheRequestLineAndEachHeaderValueInUtf8() {
		GatewayRequest request = new GatewayRequest("GET", "/plänets", "q=1", Map.of("x-name", List.of("é", "ok")));
		String sent = "GET /plänets?q=1 HTTP/1.1\r\nx-name: é\r\nx-name: ok\r\n";
		assertThat(request.headerBytes()).isEqualTo(sent.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void headerBytesExceedAgreesWithHeaderBytesAroundTheLimit() {
		for (String value : List.of("a".repeat(3000), "\u00e9".repeat(1500), "\u20ac".repeat(1000),
				"\uD83D\uDE00".repeat(700), "\uD800".repeat(1000), "mixed \u00e9\u20ac\uD83D\uDE00 ".repeat(200))) {
			GatewayRequest request = new GatewayRequest("GET", "/planets", null, Map.of("x-value", List.of(value)));
			int bytes = request.headerBytes();
			assertThat(request.headerBytesExceed(bytes)).as("at %d bytes", bytes).isFalse();
			assertThat(request.headerBytesExceed(bytes - 1)).as("at %d bytes", bytes).isTrue();
			assertThat(request.headerBytesExceed(3 * bytes)).isFalse();
			assertThat(request.headerBytesExceed(value.length() / 2)).isTrue();
		}
	}

	@Test
	void queryValuesDecodesEveryValueOfAParameterInOrder() {
		GatewayRequest request = new GatewayRequest("GET", "/planets", "access_token=a%2Bb&x=1&access_token=c",
				Map.of());
		assertThat(request.queryValues("access_token")).containsExactly("a+b", "c");
		assertThat(request.requestUri()).isEqualTo("/planets?access_token=a%2Bb&x=1&access_token=c");
	}

}
