package dev.nitric.spring.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nitric.spring.manifest.ManifestJson;

/**
 * Test fixture: checks a document against the manifest's JSON Schema, as shipped on the class path.
 */
public final class ManifestSchema {

	private static final Schema SCHEMA = load();

	private ManifestSchema() {
	}

	/**
	 * Validate a document.
	 * @param json the document
	 * @return one message per violation; empty when the document is valid
	 */
	public static List<String> violations(String json) {
		return SCHEMA.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
	}

	private static Schema load() {
		try (InputStream schema = ManifestSchema.class.getClassLoader().getResourceAsStream(ManifestJson.SCHEMA_LOCATION)) {
			if (schema == null) {
				throw new IllegalStateException(ManifestJson.SCHEMA_LOCATION + " is not on the class path");
			}
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
