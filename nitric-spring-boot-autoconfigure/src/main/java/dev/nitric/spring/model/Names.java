package dev.nitric.spring.model;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks shared by the model's types.
 */
final class Names {

	private Names() {
	}

	static String requireText(@Nullable String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
		return value;
	}

}
