package dev.nitric.spring.manifest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.nitric.spring.json.Json;
import dev.nitric.spring.manifest.RouteManifest.SecuritySource;
import dev.nitric.spring.model.BucketVerb;
import dev.nitric.spring.model.SecurityDefinition;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the manifest's JSON form. Writing is deterministic: members in a fixed order, two-space
 * indentation, {@code \n} line ends and a final newline, so the same application gives byte-identical output. The
 * JSON Schema of the format is {@code META-INF/nitric/manifest.schema.json}.
 */
public final class ManifestJson {

	/** Where the JSON Schema of the manifest sits on the class path. */
	public static final String SCHEMA_LOCATION = "META-INF/nitric/manifest.schema.json";

	private ManifestJson() {
	}

	/**
	 * Write a manifest.
	 * @param manifest the manifest
	 * @return its JSON form, ending in a newline
	 */
	public static String write(Manifest manifest) {
		Writer out = new Writer();
		out.beginObject();
		out.member("version").number(manifest.version());
		out.member("service").string(manifest.service());
		out.member("apis").beginArray();
		for (ApiManifest api : manifest.apis()) {
			writeApi(out.element(), api);
		}
		out.endArray();
		out.member("buckets").beginArray();
		for (BucketManifest bucket : manifest.buckets()) {
			out.element().beginObject();
			out.member("name").string(bucket.name());
			out.member("verbs")
				.strings(Arrays.stream(BucketVerb.values()).filter(bucket::allows).map(BucketVerb::id).toList());
			out.member("declaredBy").strings(bucket.declaredBy());
			out.endObject();
		}
		out.endArray();
		out.endObject();
		return out.toString() + "\n";
	}

	private static void writeApi(Writer out, ApiManifest api) {
		out.beginObject();
		out.member("name").string(api.name());
		out.member("securityDefinitions").beginArray();
		for (SecurityDefinition definition : api.securityDefinitions()) {
			out.element().beginObject();
			out.member("name").string(definition.name());
			out.member("kind").string(definition.kind().name().toLowerCase(Locale.ROOT));
			out.member("issuer").string(String.valueOf(definition.issuer()));
			out.member("audiences").strings(definition.audiences());
			out.endObject();
		}
		out.endArray();
		out.member("security");
		writeRequirements(out, api.security());
		out.member("routes").beginArray();
		for (RouteManifest route : api.routes()) {
			out.element().beginObject();
			out.member("method").string(route.method());
			out.member("path").string(route.path());
			out.member("handler").string(route.handler());
			out.member("security");
			writeRequirements(out, route.security());
			out.member("securitySource").string(route.securitySource().name().toLowerCase(Locale.ROOT));
			out.endObject();
		}
		out.endArray();
		out.endObject();
	}

	private static void writeRequirements(Writer out, List<SecurityRequirement> requirements) {
		out.beginArray();
		for (SecurityRequirement requirement : requirements) {
			out.element().beginObject();
			out.member("definition").string(requirement.definition());
			out.member("scopes").strings(requirement.scopes());
			out.endObject();
		}
		out.endArray();
	}

	/**
	 * Read a manifest.
	 * @param json the JSON form
	 * @return the manifest
	 * @throws IllegalArgumentException naming the first member that is missing or wrong
	 */
	public static Manifest read(String json) {
		Object root;
		try {
			root = Json.parse(json);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The manifest is not valid JSON: " + ex.getMessage(), ex);
		}
		Node manifest = new Node("manifest", root);
		int version = manifest.get("version").integer();
		if (version != Manifest.VERSION) {
			throw new IllegalArgumentException("manifest.version: version " + version
					+ " is not supported; this version of Nitric reads version " + Manifest.VERSION);
		}
		return new Manifest(version, manifest.get("service").text(),
				manifest.get("apis").list(ManifestJson::readApi), manifest.get("buckets").list(ManifestJson::readBucket));
	}

	private static ApiManifest readApi(Node api) {
		String name = api.get("name").text();
		return new ApiManifest(name, api.get("securityDefinitions").list((definition) -> {
			String kind = definition.get("kind").text();
			if (!kind.equals("jwt")) {
				throw definition.get("kind").error("unknown kind '" + kind + "' (expected jwt)");
			}
			return new SecurityDefinition(definition.get("name").text(), SecurityDefinition.Kind.JWT,
					definition.get("issuer").text(), definition.get("audiences").list(Node::text));
		}), readRequirements(api.get("security")), api.get("routes").list((route) -> new RouteManifest(
				route.get("method").text(), route.get("path").text(), route.get("handler").text(),
				readRequirements(route.get("security")),
				route.get("securitySource").choice(SecuritySource.class))));
	}

	private static List<SecurityRequirement> readRequirements(Node requirements) {
		return requirements.list((requirement) -> new SecurityRequirement(requirement.get("definition").text(),
				requirement.get("scopes").list(Node::text)));
	}

	private static BucketManifest readBucket(Node bucket) {
		Set<BucketVerb> verbs = EnumSet.noneOf(BucketVerb.class);
		for (Node verb : bucket.get("verbs").nodes()) {
			verbs.add(verb.choice(BucketVerb.class));
		}
		return new BucketManifest(bucket.get("name").text(), verbs, bucket.get("declaredBy").list(Node::text));
	}

	/**
	 * A value of the parsed document with its path, for error messages that say where the problem is.
	 */
	private record Node(String path, @Nullable Object value) {

		Node get(String member) {
			if (!(this.value instanceof Map<?, ?> map)) {
				throw error("expected an object");
			}
			if (!map.containsKey(member)) {
				throw new IllegalArgumentException(this.path + "." + member + ": missing");
			}
			return new Node(this.path + "." + member, map.get(member));
		}

		String text() {
			if (!(this.value instanceof String text)) {
				throw error("expected a string");
			}
			return text;
		}

		int integer() {
			if (!(this.value instanceof BigDecimal number)) {
				throw error("expected a number");
			}
			try {
				return number.intValueExact();
			}
			catch (ArithmeticException ex) {
				throw error("expected an integer");
			}
		}

		<E extends Enum<E>> E choice(Class<E> type) {
			String text = text();
			for (E constant : type.getEnumConstants()) {
				if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
					return constant;
				}
			}
			throw error("unknown value '" + text + "'");
		}

		List<Node> nodes() {
			if (!(this.value instanceof List<?> list)) {
				throw error("expected an array");
			}
			List<Node> nodes = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				nodes.add(new Node(this.path + "[" + i + "]", list.get(i)));
			}
			return nodes;
		}

		<T> List<T> list(Function<Node, T> reader) {
			return nodes().stream().map(reader).toList();
		}

		IllegalArgumentException error(String message) {
			return new IllegalArgumentException(this.path + ": " + message);
		}

	}

	/**
	 * Writes JSON with two-space indentation; containers track whether a comma is needed.
	 */
	private static final class Writer {

		private final StringBuilder out = new StringBuilder();

		private final List<Boolean> first = new ArrayList<>();

		Writer beginObject() {
			return open('{');
		}

		void endObject() {
			close('}');
		}

		Writer beginArray() {
			return open('[');
		}

		void endArray() {
			close(']');
		}

		Writer member(String name) {
			separate();
			this.out.append(Json.quote(name)).append(": ");
			return this;
		}

		Writer element() {
			separate();
			return this;
		}

		void string(String value) {
			this.out.append(Json.quote(value));
		}

		void number(int value) {
			this.out.append(value);
		}

		void strings(List<String> values) {
			if (values.isEmpty()) {
				this.out.append("[]");
				return;
			}
			this.out.append('[');
			for (int i = 0; i < values.size(); i++) {
				this.out.append((i > 0) ? ", " : "").append(Json.quote(values.get(i)));
			}
			this.out.append(']');
		}

		private Writer open(char bracket) {
			this.out.append(bracket);
			this.first.add(Boolean.TRUE);
			return this;
		}

		private void close(char bracket) {
			boolean empty = this.first.remove(this.first.size() - 1);
			if (!empty) {
				newline();
			}
			this.out.append(bracket);
		}

		private void separate() {
			int last = this.first.size() - 1;
			if (!this.first.get(last)) {
				this.out.append(',');
			}
			this.first.set(last, Boolean.FALSE);
			newline();
		}

		private void newline() {
			this.out.append('\n').append("  ".repeat(this.first.size()));
		}

		@Override
		public String toString() {
			return this.out.toString();
		}

	}

}
