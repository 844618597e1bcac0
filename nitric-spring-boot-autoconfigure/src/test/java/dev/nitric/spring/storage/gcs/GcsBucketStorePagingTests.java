package dev.nitric.spring.storage.gcs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nitric.spring.json.Json;
import dev.nitric.spring.storage.BucketListing;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging of {@link GcsBucketStore#list(String, String, int, String)}, with the real google-cloud-storage client
 * talking HTTP to {@link ObjectsListStandIn}, a recording stand-in for Cloud Storage's JSON API
 * <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/list">{@code objects.list}</a>.
 * <p>
 * A stand-in, because neither fake reachable from every build pages: {@code LocalStorageHelper} (the in-process fake
 * of {@link GcsBucketStoreContractTests}) returns the first page and no next-page token, and fake-gcs-server
 * ({@link GcsBucketStoreFakeGcsServerContractTests}, where the whole contract, paging included, runs) needs Docker.
 */
class GcsBucketStorePagingTests {

	private static final String BUCKET = "contract";

	private static final String PHYSICAL = "contract-a1b2c3";

	private static final String LIST_PATH = "/storage/v1/b/" + PHYSICAL + "/o";

	private ObjectsListStandIn cloudStorage;

	private GcsBucketStore store;

	@BeforeEach
	void start() throws IOException {
		this.cloudStorage = new ObjectsListStandIn(PHYSICAL);
		this.store = new GcsBucketStore(StorageOptions.newBuilder()
			.setHost(this.cloudStorage.url())
			.setProjectId("nitric-test")
			.setCredentials(NoCredentials.getInstance())
			.build()
			.getService(), (logical) -> logical + "-a1b2c3");
	}

	@AfterEach
	void stop() {
		this.cloudStorage.close();
	}

	@Test
	void listWhenMoreKeysThanPageSizeThenTheServersTokensWalkEveryKeyOnceInOrder() {
		// Added out of order: the service (and the stand-in) serves each page sorted.
		this.cloudStorage.add("page/5", "page/0", "other", "page/3", "page/6", "page/1", "page/4", "page/2", "pagf");
		List<BucketListing> pages = new ArrayList<>();
		String token = null;
		do {
			BucketListing page = this.store.list(BUCKET, "page/", 3, token);
			pages.add(page);
			token = page.nextPageToken();
		}
		while (token != null && pages.size() < 10);

		assertThat(pages).extracting(BucketListing::keys)
			.containsExactly(List.of("page/0", "page/1", "page/2"), List.of("page/3", "page/4", "page/5"),
					List.of("page/6"));
		assertThat(pages.get(0).nextPageToken()).isNotNull().isNotIn("page/2", "page/3");
		assertThat(pages.get(1).nextPageToken()).isNotNull();
		assertThat(pages.get(2).hasNextPage()).isFalse();

		List<Request> requests = this.cloudStorage.requests();
		assertThat(requests).hasSize(3).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo(LIST_PATH);
			assertThat(request.query()).containsEntry("maxResults", "3").containsEntry("prefix", "page/");
		});
		assertThat(requests.get(0).query()).doesNotContainKey("pageToken");
		assertThat(requests.get(1).query()).containsEntry("pageToken", pages.get(0).nextPageToken());
		assertThat(requests.get(2).query()).containsEntry("pageToken", pages.get(1).nextPageToken());
	}

	@Test
	void listWhenTheServerReturnsAShortPageWithATokenThenTheWalkFollowsTheToken() {
		// The service may return fewer items than maxResults and still have more: only the token ends a walk.
		this.cloudStorage.add("a", "b", "c", "d", "e");
		this.cloudStorage.mostPerPage(2);
		BucketListing first = this.store.list(BUCKET, "", 3, null);
		BucketListing second = this.store.list(BUCKET, "", 3, first.nextPageToken());
		BucketListing third = this.store.list(BUCKET, "", 3, second.nextPageToken());
		assertThat(List.of(first.keys(), second.keys(), third.keys())).containsExactly(List.of("a", "b"),
				List.of("c", "d"), List.of("e"));
		assertThat(third.nextPageToken()).isNull();
		assertThat(this.cloudStorage.requests()).extracting((request) -> request.query().get("maxResults"))
			.containsOnly("3");
	}

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void listOfAllKeysWalksServerPagesOfAThousandUntilTheLastOne() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 2345; i++) {
			keys.add(String.format("logs/%05d.json", i));
		}
		List<String> reversed = new ArrayList<>(keys);
		Collections.reverse(reversed);
		this.cloudStorage.add(reversed.toArray(String[]::new));
		assertThat(this.store.list(BUCKET, "logs/")).containsExactlyElementsOf(keys);
		assertThat(this.cloudStorage.requests()).hasSize(3)
			.extracting((request) -> request.query().get("maxResults"))
			.containsOnly(String.valueOf(BucketListing.DEFAULT_PAGE_SIZE));
	}

	@Test
	void listSendsThePrefixUnchangedAndNoPrefixWhenItIsEmpty() {
		String prefix = "reports/Q1 2026+ü/";
		this.cloudStorage.add(prefix + "a.pdf", "reports/Q2/b.pdf");
		assertThat(this.store.list(BUCKET, prefix, 10, null).keys()).containsExactly(prefix + "a.pdf");
		assertThat(this.store.list(BUCKET, "", 10, null).keys()).containsExactly(prefix + "a.pdf", "reports/Q2/b.pdf");
		assertThat(this.cloudStorage.requests()).extracting(Request::query)
			.satisfiesExactly((query) -> assertThat(query).containsEntry("prefix", prefix),
					(query) -> assertThat(query).doesNotContainKey("prefix"));
	}

	/**
	 * One request the stand-in received.
	 *
	 * @param method the HTTP method
	 * @param path the decoded path
	 * @param query the decoded query parameters
	 */
	record Request(String method, String path, Map<String, String> query) {
	}

	/**
	 * A stand-in for Cloud Storage's JSON API {@code objects.list} ({@code GET /storage/v1/b/{bucket}/o}) on one bucket,
	 * on a loopback port. It answers as the service is documented to: the names that start with {@code prefix}, in
	 * lexicographic order, at most {@code maxResults} (and at most 1,000, or {@link #mostPerPage(int)}) per page, and
	 * an opaque {@code nextPageToken} while names remain, that only this stand-in can read. It records every request;
	 * any other request is answered 404 (and so fails the test that caused it).
	 */
	static final class ObjectsListStandIn implements AutoCloseable {

		private static final Pattern LIST = Pattern.compile("/storage/v1/b/([^/]+)/o/?");

		private final HttpServer server;

		private final String bucket;

		private final NavigableSet<String> names = new ConcurrentSkipListSet<>();

		private final List<Request> requests = new CopyOnWriteArrayList<>();

		private volatile int mostPerPage = 1000;

		ObjectsListStandIn(String bucket) throws IOException {
			this.bucket = bucket;
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		void add(String... names) {
			this.names.addAll(List.of(names));
		}

		void mostPerPage(int mostPerPage) {
			this.mostPerPage = mostPerPage;
		}

		List<Request> requests() {
			return List.copyOf(this.requests);
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
				Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
				this.requests.add(new Request(exchange.getRequestMethod(), path, query));
				Matcher list = LIST.matcher(path);
				if (!exchange.getRequestMethod().equals("GET") || !list.matches() || !list.group(1).equals(this.bucket)) {
					respond(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}");
					return;
				}
				respond(exchange, 200, list(query));
			}
		}

		private String list(Map<String, String> query) {
			String prefix = query.getOrDefault("prefix", "");
			int max = Math.min(Integer.parseInt(query.getOrDefault("maxResults", "1000")), this.mostPerPage);
			String token = query.get("pageToken");
			NavigableSet<String> rest = (token != null) ? this.names.tailSet(after(token), false) : this.names;
			List<String> page = rest.stream().filter((name) -> name.startsWith(prefix)).limit(max + 1L).toList();
			StringBuilder json = new StringBuilder("{\"kind\":\"storage#objects\"");
			if (page.size() > max) {
				page = page.subList(0, max);
				json.append(",\"nextPageToken\":").append(Json.quote(token(page.get(max - 1))));
			}
			if (!page.isEmpty()) {
				json.append(",\"items\":[");
				for (int i = 0; i < page.size(); i++) {
					String name = page.get(i);
					json.append((i > 0) ? "," : "")
						.append("{\"kind\":\"storage#object\",\"id\":")
						.append(Json.quote(this.bucket + "/" + name + "/1"))
						.append(",\"name\":")
						.append(Json.quote(name))
						.append(",\"bucket\":")
						.append(Json.quote(this.bucket))
						.append(",\"generation\":\"1\",\"metageneration\":\"1\",\"size\":\"1\"}");
				}
				json.append(']');
			}
			return json.append('}').toString();
		}

		/** A token that is not a key: the last name served, behind a marker, in padded Base64 ({@code +/=}). */
		private static String token(String lastServed) {
			return Base64.getEncoder().encodeToString(("after:" + lastServed).getBytes(StandardCharsets.UTF_8));
		}

		private static String after(String token) {
			String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
			if (!decoded.startsWith("after:")) {
				throw new IllegalArgumentException("Not a token of this stand-in: " + token);
			}
			return decoded.substring("after:".length());
		}

		private static Map<String, String> query(@Nullable String raw) {
			Map<String, String> query = new LinkedHashMap<>();
			if (raw != null && !raw.isEmpty()) {
				for (String pair : raw.split("&")) {
					int equals = pair.indexOf('=');
					String name = (equals >= 0) ? pair.substring(0, equals) : pair;
					String value = (equals >= 0) ? pair.substring(equals + 1) : "";
					query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
							URLDecoder.decode(value, StandardCharsets.UTF_8));
				}
			}
			return query;
		}

		private static void respond(HttpExchange exchange, int status, String json) throws IOException {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
