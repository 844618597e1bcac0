package dev.nitric.spring.gateway;

import java.time.Instant;
import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;

/**
 * What the emulated gateways work out about one request, worked out once: the size of its headers, the token sliced
 * out of a header value (and whether that slice parsed, which spares GCP's gateway its character scan), the token
 * parsed, and whether a key verifies the token's signature. The
 * {@link PortableGateway} hands one memo to the AWS, GCP and Azure gateways for each request, so that the token is
 * parsed once and its signature verified once, not three times, whether or not a {@link VerifiedTokenCache} is
 * enabled; a gateway deciding alone uses a memo of its own.
 * <p>
 * Each kind of fact has one entry, like a {@link VerifiedTokenCache} of capacity 1 that lives for one request; a
 * miss asks the calling gateway's cache. Only facts that depend on the request, the token or the (token, key) pair
 * alone are remembered, never a gateway's verdict: the signature check is {@link Signatures#verify(Jwt, JsonWebKey)},
 * the same function for every gateway, and each gateway runs its own checks (scheme, algorithms, key type and size,
 * {@code kid} matching, claims) before it asks, hit or miss. A failed verification is remembered too (a signature
 * does not verify with a key any more on a second asking). Not thread-safe: one memo per request, on one thread.
 */
final class RequestMemo {

	private final BiPredicate<Jwt, JsonWebKey> verification;

	private @Nullable GatewayRequest sizedRequest;

	private int headerBytes;

	private @Nullable String sliceSource;

	private int sliceBegin;

	private int sliceEnd;

	private @Nullable String slice;

	private @Nullable String token;

	private @Nullable Jwt jwt;

	private @Nullable InvalidJwtException invalid;

	private @Nullable Jwt verifiedJwt;

	private @Nullable JsonWebKey verifiedKey;

	private boolean verified;

	/**
	 * A memo verifying signatures with {@link Signatures#verify(Jwt, JsonWebKey)}.
	 */
	RequestMemo() {
		this(Signatures::verify);
	}

	/**
	 * A memo verifying signatures with the given function.
	 * @param verification {@link Signatures#verify(Jwt, JsonWebKey)}, or in tests a function counting its calls to it
	 */
	RequestMemo(BiPredicate<Jwt, JsonWebKey> verification) {
		this.verification = verification;
	}

	/**
	 * {@link GatewayRequest#headerBytes()}, counted once.
	 * @param request the request
	 * @return the size of its request line and headers
	 */
	int headerBytes(GatewayRequest request) {
		if (this.sizedRequest != request) {
			this.headerBytes = request.headerBytes();
			this.sizedRequest = request;
		}
		return this.headerBytes;
	}

	/**
	 * {@code value.substring(begin, end)}, the same string object when the same range of the same value object was
	 * asked for before, so that the gateways' tokens are one string, compared by identity.
	 * @param value the header value
	 * @param begin the first character
	 * @param end after the last character
	 * @return the substring
	 */
	String slice(String value, int begin, int end) {
		if (this.sliceSource != value || this.sliceBegin != begin || this.sliceEnd != end) {
			this.slice = value.substring(begin, end);
			this.sliceSource = value;
			this.sliceBegin = begin;
			this.sliceEnd = end;
		}
		return this.slice;
	}

	/**
	 * The rest of a value from {@code begin} on, when it was {@link #slice sliced} and then {@link #parse parsed}
	 * without error as the request's last token.
	 * @param value the header value
	 * @param begin the first character
	 * @return the token, or {@code null} when the memo does not know it parsed
	 */
	@Nullable String parsedSlice(String value, int begin) {
		String slice = this.slice;
		if (this.sliceSource == value && this.sliceBegin == begin && this.sliceEnd == value.length()
				&& slice == this.token && this.jwt != null) {
			return slice;
		}
		return null;
	}

	/**
	 * Parse a token once per request, asking the cache on a miss.
	 * @param cache the calling gateway's cache
	 * @param token the compact token
	 * @param now the current time (the same for every gateway of a request)
	 * @return the parsed token, the same object for the same token
	 * @throws InvalidJwtException if the token cannot be parsed (the same exception for the same token)
	 */
	Jwt parse(VerifiedTokenCache cache, String token, Instant now) {
		String last = this.token;
		if (last != null && (last == token || last.equals(token))) {
			InvalidJwtException invalid = this.invalid;
			if (invalid != null) {
				throw invalid;
			}
			return this.jwt;
		}
		Jwt parsed;
		try {
			parsed = cache.parse(token, now);
		}
		catch (InvalidJwtException ex) {
			remember(token, null, ex);
			throw ex;
		}
		remember(token, parsed, null);
		return parsed;
	}

	private void remember(String token, @Nullable Jwt jwt, @Nullable InvalidJwtException invalid) {
		this.token = token;
		this.jwt = jwt;
		this.invalid = invalid;
	}

	/**
	 * Whether a key verifies a token's signature, verified once per request, asking the cache on a miss.
	 * @param cache the calling gateway's cache
	 * @param jwt the token, as {@link #parse} returned it
	 * @param key the key
	 * @return whether the signature verifies
	 */
	boolean verifies(VerifiedTokenCache cache, Jwt jwt, JsonWebKey key) {
		if (this.verifiedJwt == jwt && this.verifiedKey == key) {
			return this.verified;
		}
		boolean result = cache.verifies(jwt, key, () -> this.verification.test(jwt, key));
		this.verifiedJwt = jwt;
		this.verifiedKey = key;
		this.verified = result;
		return result;
	}

}
