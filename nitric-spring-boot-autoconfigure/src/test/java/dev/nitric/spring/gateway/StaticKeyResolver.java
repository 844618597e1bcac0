package dev.nitric.spring.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.nitric.spring.gateway.TestKeys.TestKey;
import dev.nitric.spring.model.SecurityDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyResolver} for tests: answers a settable {@link JwksResult} for every issuer and records each call, so
 * that a test can assert that no refetch happened, or that exactly one did and with which {@link JwksPolicy}. What
 * {@link #keysAfterUnknownKid} answers can be set separately (by default the same as {@link #keys}), to stand for
 * a key that appeared at the issuer since the last fetch.
 */
public final class StaticKeyResolver implements KeyResolver {

	private volatile JwksResult result;

	private volatile @Nullable JwksResult afterUnknownKid;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	/**
	 * Create a resolver answering the given result.
	 * @param result the result
	 */
	public StaticKeyResolver(JwksResult result) {
		this.result = result;
	}

	/**
	 * A resolver publishing the given keys, each with {@code alg} and {@code kid}.
	 * @param keys the keys
	 * @return the resolver
	 */
	public static StaticKeyResolver of(TestKey... keys) {
		return new StaticKeyResolver(new JwksResult.Keys(TestKeys.set(keys)));
	}

	/**
	 * A resolver publishing a JWKS document.
	 * @param jwks the document, for example from {@link TestKeys#jwks(String...)}
	 * @return the resolver
	 */
	public static StaticKeyResolver of(String jwks) {
		return new StaticKeyResolver(new JwksResult.Keys(JsonWebKeySet.parse(jwks)));
	}

	/**
	 * A resolver whose keys cannot be fetched.
	 * @param reason why
	 * @return the resolver
	 */
	public static StaticKeyResolver unavailable(String reason) {
		return new StaticKeyResolver(new JwksResult.Unavailable(reason));
	}

	/**
	 * Change what {@link #keys} answers (and {@link #keysAfterUnknownKid}, unless set separately).
	 * @param result the result
	 */
	public void setResult(JwksResult result) {
		this.result = result;
	}

	/**
	 * Set what {@link #keysAfterUnknownKid} answers: the keys a refetch finds.
	 * @param result the result, or {@code null} to answer the same as {@link #keys}
	 */
	public void setResultAfterUnknownKid(@Nullable JwksResult result) {
		this.afterUnknownKid = result;
	}

	@Override
	public JwksResult keys(SecurityDefinition definition) {
		this.calls.add(new Call(Call.KEYS, definition, null));
		return this.result;
	}

	@Override
	public JwksResult keysAfterUnknownKid(SecurityDefinition definition, JwksPolicy policy) {
		this.calls.add(new Call(Call.KEYS_AFTER_UNKNOWN_KID, definition, policy));
		JwksResult after = this.afterUnknownKid;
		return (after != null) ? after : this.result;
	}

	/**
	 * Every call, in order.
	 * @return the calls
	 */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * The calls to {@link #keysAfterUnknownKid}.
	 * @return the calls
	 */
	public List<Call> unknownKidCalls() {
		return this.calls.stream().filter((call) -> Call.KEYS_AFTER_UNKNOWN_KID.equals(call.method())).toList();
	}

	/**
	 * Forget the recorded calls.
	 */
	public void clearCalls() {
		this.calls.clear();
	}

	/**
	 * One call to the resolver.
	 *
	 * @param method {@link #KEYS} or {@link #KEYS_AFTER_UNKNOWN_KID}
	 * @param definition the security definition asked for
	 * @param policy the policy passed to {@code keysAfterUnknownKid}, or {@code null}
	 */
	public record Call(String method, SecurityDefinition definition, @Nullable JwksPolicy policy) {

		/** A call to {@link KeyResolver#keys}. */
		public static final String KEYS = "keys";

		/** A call to {@link KeyResolver#keysAfterUnknownKid}. */
		public static final String KEYS_AFTER_UNKNOWN_KID = "keysAfterUnknownKid";

	}

}
