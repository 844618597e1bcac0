package dev.nitric.spring.deployer.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the nested maps that {@link JsonOut} writes.
 */
final class Maps {

	private Maps() {
	}

	/**
	 * Build a mutable map from alternating keys and values.
	 * @param keysAndValues key, value, key, value, ...
	 * @return the map
	 */
	static Map<String, Object> of(Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Keys and values come in pairs");
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * Return the map under a key, creating it when absent.
	 * @param parent the parent map
	 * @param key the key
	 * @return the child map
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> child(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.computeIfAbsent(key, (absent) -> new LinkedHashMap<String, Object>());
	}

}
