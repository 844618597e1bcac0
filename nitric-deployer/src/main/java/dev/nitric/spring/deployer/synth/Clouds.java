package dev.nitric.spring.deployer.synth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.nitric.spring.cloud.Cloud;
import org.jspecify.annotations.Nullable;

/**
 * Parses and names the target clouds ({@code -Dnitric.cloud}).
 */
public final class Clouds {

	private Clouds() {
	}

	/**
	 * Parse a comma-separated list of clouds.
	 * @param value {@code aws}, {@code gcp}, {@code azure}, several separated by commas, or blank for all three
	 * @return the clouds, in {@link Cloud} order
	 * @throws SynthesisException naming the unknown cloud
	 */
	public static Set<Cloud> parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return EnumSet.allOf(Cloud.class);
		}
		Set<Cloud> clouds = EnumSet.noneOf(Cloud.class);
		for (String part : value.split(",")) {
			String id = part.trim().toLowerCase(Locale.ROOT);
			Cloud cloud = EnumSet.allOf(Cloud.class)
				.stream()
				.filter((candidate) -> id(candidate).equals(id))
				.findFirst()
				.orElseThrow(() -> new SynthesisException("Unknown cloud '" + part.trim()
						+ "' in nitric.cloud: use aws, gcp or azure (several separated by commas), or leave it out "
						+ "for all three"));
			clouds.add(cloud);
		}
		return clouds;
	}

	/**
	 * The cloud's id: its output folder and its {@code nitric.cloud} value.
	 * @param cloud the cloud
	 * @return {@code aws}, {@code gcp} or {@code azure}
	 */
	public static String id(Cloud cloud) {
		return cloud.name().toLowerCase(Locale.ROOT);
	}

	static String names(Collection<Cloud> clouds) {
		return new LinkedHashSet<>(clouds).stream().map(Cloud::displayName).collect(Collectors.joining(", "));
	}

}
