package dev.nitric.spring.autoconfigure;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.nitric.spring.autoconfigure.NitricProperties.GatewayMode;
import dev.nitric.spring.autoconfigure.NitricProperties.StorageBackend;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the binding of {@link NitricProperties}: a group that no property configures gets its defaults from the
 * code, a group configured in part from the {@code @DefaultValue} of its other properties, and both agree.
 */
class NitricPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsGivenInCodeAreTheDefaultsOfTheConfigurationMetadata() throws Exception {
		Map<String, String> defaults = metadataDefaults();
		assertThat(defaults).containsKeys("nitric.gateway.mode", "nitric.gateway.token-cache-size",
				"nitric.dev-issuer.key-file", "nitric.storage.backend", "nitric.storage.local.root",
				"nitric.storage.local.fsync", "nitric.storage.s3.path-style", "nitric.storage.s3.max-attempts",
				"nitric.storage.gcs.max-attempts", "nitric.storage.azure.max-attempts");
		this.contextRunner.run((context) -> {
			NitricProperties properties = context.getBean(NitricProperties.class);
			defaults.forEach((name, defaultValue) -> assertThat(text(valueOf(properties, name))).as(name)
				.isEqualTo(defaultValue));
		});
	}

	@Test
	void groupConfiguredInPartTakesTheOtherDefaultsFromItsAnnotations() {
		this.contextRunner
			.withPropertyValues("nitric.gateway.token-cache-size=5", "nitric.storage.s3.region=eu-west-1",
					"nitric.dev-issuer.enabled=false")
			.run((context) -> {
				NitricProperties properties = context.getBean(NitricProperties.class);
				NitricProperties defaults = new NitricProperties(null, null, null, null, null, null);
				assertThat(properties.gateway().mode()).isEqualTo(GatewayMode.EMULATE);
				assertThat(properties.gateway().tokenCacheSize()).isEqualTo(5);
				assertThat(properties.storage().backend()).isEqualTo(StorageBackend.LOCAL);
				assertThat(properties.storage().s3().region()).isEqualTo("eu-west-1");
				assertThat(properties.storage().s3().maxAttempts()).isEqualTo(defaults.storage().s3().maxAttempts());
				assertThat(properties.storage().s3().pathStyle()).isEqualTo(defaults.storage().s3().pathStyle());
				assertThat(properties.storage().local()).isEqualTo(defaults.storage().local());
				assertThat(properties.devIssuer().enabled()).isFalse();
				assertThat(properties.devIssuer().keyFile()).isEqualTo(defaults.devIssuer().keyFile());
			});
	}

	@Test
	void bindWhenTokenCacheSizeNegativeThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("nitric.gateway.token-cache-size=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("nitric.gateway.token-cache-size must be 0 (no cache) or more, was -1"));
	}

	@Test
	void groupsThatNothingConfiguresAreNeverNull() {
		NitricProperties properties = new NitricProperties(null, null, null, null, null, null);
		assertThat(properties.gateway()).isNotNull();
		assertThat(properties.devIssuer()).isNotNull();
		assertThat(properties.storage().local()).isNotNull();
		assertThat(properties.storage().s3()).isNotNull();
		assertThat(properties.storage().gcs()).isNotNull();
		assertThat(properties.storage().azure()).isNotNull();
		assertThat(properties.apis()).isEmpty();
	}

	private static Map<String, String> metadataDefaults() throws Exception {
		Map<String, String> defaults = new LinkedHashMap<>();
		try (InputStream in = NitricPropertiesTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("nitric.") && property.has("defaultValue")) {
					defaults.put(name, property.get("defaultValue").asString());
				}
			}
		}
		return defaults;
	}

	/** The value of a property, found by walking the records' components named as the property's segments. */
	private static @Nullable Object valueOf(NitricProperties properties, String name) {
		Object value = properties;
		for (String segment : name.substring("nitric.".length()).split("\\.")) {
			value = component(value, camelCase(segment));
		}
		return value;
	}

	private static @Nullable Object component(Object record, String name) {
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			if (component.getName().equals(name)) {
				try {
					return component.getAccessor().invoke(record);
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		throw new IllegalArgumentException("No component " + name + " in " + record.getClass().getSimpleName());
	}

	private static String camelCase(String kebabCase) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : kebabCase.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	/** A value as the metadata writes its default: enum constants in lower kebab case. */
	private static String text(@Nullable Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		return String.valueOf(value);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NitricProperties.class)
	static class PropertiesConfiguration {

	}

}
