package dev.nitric.spring.benchmarks.gateway;

import dev.nitric.spring.gateway.JsonWebKeySet;
import dev.nitric.spring.gateway.JwksPolicy;
import dev.nitric.spring.gateway.JwksResult;
import dev.nitric.spring.gateway.KeyResolver;
import dev.nitric.spring.model.SecurityDefinition;

/**
 * A {@link KeyResolver} answering one key set from memory, as the application's resolver does once the keys are
 * fetched. Unlike the tests' {@code StaticKeyResolver} it records nothing, so that it neither allocates nor grows
 * during a benchmark.
 */
public final class FixedKeyResolver implements KeyResolver {

	private final JwksResult result;

	/**
	 * Create a resolver answering the given keys.
	 * @param keys the keys
	 */
	public FixedKeyResolver(JsonWebKeySet keys) {
		this.result = new JwksResult.Keys(keys);
	}

	@Override
	public JwksResult keys(SecurityDefinition definition) {
		return this.result;
	}

	@Override
	public JwksResult keysAfterUnknownKid(SecurityDefinition definition, JwksPolicy policy) {
		return this.result;
	}

}
