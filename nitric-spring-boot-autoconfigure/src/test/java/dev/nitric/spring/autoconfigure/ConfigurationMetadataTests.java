package dev.nitric.spring.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated from {@link NitricProperties}: IDEs show every property of the
 * product contract with a description and its default.
 */
class ConfigurationMetadataTests {

	@Test
	void metadataDescribesEveryContractPropertyWithItsDefault() throws Exception {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonMapper.builder().build().readTree(in).get("properties").forEach((property) -> properties
				.put(property.get("name").asString(), property));
		}
		assertThat(properties).containsKeys("nitric.cloud", "nitric.apis", "nitric.gateway.mode", "nitric.service-name",
				"nitric.storage.local.root", "nitric.dev-issuer.enabled");
		assertThat(properties.values()).filteredOn((property) -> property.get("name").asString().startsWith("nitric."))
			.allSatisfy((property) -> assertThat(property.path("description").asString()).matches("^[A-Z].{10,}"));
		assertThat(properties.get("nitric.cloud").get("defaultValue").asString()).isEqualTo("portable");
		assertThat(properties.get("nitric.gateway.mode").get("defaultValue").asString()).isEqualTo("emulate");
		assertThat(properties.get("nitric.storage.local.root").get("defaultValue").asString())
			.isEqualTo(".nitric/buckets");
	}

}
