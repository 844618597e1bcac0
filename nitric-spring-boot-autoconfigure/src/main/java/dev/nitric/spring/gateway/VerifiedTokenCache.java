package dev.nitric.spring.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A bounded cache of parsed tokens and of the keys that verified their signatures, as Envoy's {@code jwt_authn}
 * keeps one (the GCP gateway caches 1 000 verified tokens). On a hit the parsing and the signature check are
 * skipped; every other check (issuer, time, audience, scopes) runs again, so a cached answer is the same as an
 * uncached one.
 * <ul>
 * <li>keyed by the whole token (compared in full, so no two tokens share an entry);</li>
 * <li>at most {@link #capacity()} entries, least recently used evicted first;</li>
 * <li>an entry is dropped once the token's {@code exp} is more than {@value #MAX_SKEW_SECONDS} s past (the largest
 * skew a gateway allows), or {@value #UNBOUNDED_LIFETIME_SECONDS} s after it was cached for a token without
 * {@code exp};</li>
 * <li>a verification is remembered per key object: when the JWKS is fetched again, its keys are new objects and
 * tokens are verified once more, so a key the issuer dropped stops verifying at the next refresh.</li>
 * </ul>
 * One cache may serve the three clouds' gateways (the portable gateway's do share one): what it remembers, that a
 * key verifies a token's signature, is {@link Signatures#verify(Jwt, JsonWebKey)}, the same function whichever
 * gateway asks, and each gateway checks what it allows (algorithm, key type and size, {@code kid}) before asking, hit
 * or miss. Within one request the gateways also share a {@link RequestMemo} in front of the cache. While a cache is
 * enabled, its gateway also answers a request that repeats the last one it allowed, in the same second, with that
 * decision ({@link LastAllowedDecision}), which is the answer the checks would give.
 *
 * @see <a href="https://www.envoyproxy.io/docs/envoy/latest/api-v3/extensions/filters/http/jwt_authn/v3/config.proto">
 * Envoy JwtCacheConfig</a>
 */
public final class VerifiedTokenCache {

	/** Largest clock skew of any gateway, in seconds. */
	static final long MAX_SKEW_SECONDS = 60;

	/** Longest time a token without {@code exp} stays cached, in seconds. */
	static final long UNBOUNDED_LIFETIME_SECONDS = 300;

	/** Default number of entries, as ESPv2 configures Envoy. */
	public static final int DEFAULT_CAPACITY = 1000;

	private static final VerifiedTokenCache DISABLED = new VerifiedTokenCache(0);

	private final int capacity;

	private final Map<String, Entry> entries;

	/**
	 * The entry used last (guarded by {@code this}): a token presented again is found by comparing it with this
	 * entry's token, which is much cheaper than hashing a long token that arrived as a new string; being the most
	 * recently used entry, it is already last in the LRU order.
	 */
	private @Nullable Entry last;

	private VerifiedTokenCache(int capacity) {
		this.capacity = capacity;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > VerifiedTokenCache.this.capacity;
			}

		};
	}

	/**
	 * Create a cache.
	 * @param capacity the most entries kept; 0 disables caching
	 * @return the cache
	 */
	public static VerifiedTokenCache withCapacity(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Capacity must not be negative, was " + capacity);
		}
		return (capacity == 0) ? DISABLED : new VerifiedTokenCache(capacity);
	}

	/**
	 * A cache that keeps nothing.
	 * @return the disabled cache
	 */
	public static VerifiedTokenCache disabled() {
		return DISABLED;
	}

	/**
	 * The most entries kept.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * The number of entries.
	 * @return the size
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Parse a token, or return it parsed from the cache.
	 * @param token the compact token
	 * @param now the current time, to expire entries
	 * @return the parsed token
	 * @throws InvalidJwtException if the token cannot be parsed (failures are not cached)
	 */
	Jwt parse(String token, Instant now) {
		if (this.capacity == 0) {
			return Jwt.parse(token);
		}
		synchronized (this) {
			Entry last = this.last;
			Entry entry = (last != null && last.jwt.value().equals(token)) ? last : this.entries.get(token);
			if (entry != null && !entry.expired(now)) {
				this.last = entry;
				return entry.jwt;
			}
			if (entry != null) {
				this.entries.remove(token);
				this.last = null;
			}
		}
		Jwt jwt = Jwt.parse(token);
		Long exp = jwt.numericDate("exp");
		Instant until = (exp != null) ? safeAdd(exp, MAX_SKEW_SECONDS)
				: now.plus(Duration.ofSeconds(UNBOUNDED_LIFETIME_SECONDS));
		Entry entry = new Entry(jwt, until);
		synchronized (this) {
			this.entries.put(token, entry);
			this.last = entry;
		}
		return jwt;
	}

	/**
	 * Whether a key verifies a token's signature, remembered per key object.
	 * @param jwt the parsed token
	 * @param key the key
	 * @param verification the actual verification, run on a miss: {@link Signatures#verify(Jwt, JsonWebKey)} of the
	 * token and the key (a function of them alone, which is what makes the answer fit for every gateway)
	 * @return whether the signature verifies
	 */
	boolean verifies(Jwt jwt, JsonWebKey key, BooleanSupplier verification) {
		if (this.capacity == 0) {
			return verification.getAsBoolean();
		}
		Entry entry;
		synchronized (this) {
			Entry last = this.last;
			entry = (last != null && last.jwt == jwt) ? last : this.entries.get(jwt.value());
		}
		if (entry != null && entry.jwt == jwt && entry.verifiedBy == key) {
			return true;
		}
		boolean verified = verification.getAsBoolean();
		if (verified && entry != null && entry.jwt == jwt) {
			entry.verifiedBy = key;
		}
		return verified;
	}

	private static Instant safeAdd(long epochSeconds, long seconds) {
		long limit = Instant.MAX.getEpochSecond();
		return Instant.ofEpochSecond((epochSeconds > limit - seconds) ? limit : epochSeconds + seconds);
	}

	private static final class Entry {

		private final Jwt jwt;

		private final Instant until;

		private volatile @Nullable JsonWebKey verifiedBy;

		Entry(Jwt jwt, Instant until) {
			this.jwt = jwt;
			this.until = until;
		}

		boolean expired(Instant now) {
			return now.isAfter(this.until);
		}

	}

}
