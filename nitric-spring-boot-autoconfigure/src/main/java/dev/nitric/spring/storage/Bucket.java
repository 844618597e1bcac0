package dev.nitric.spring.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.nitric.spring.model.BucketVerb;
import org.jspecify.annotations.Nullable;

/**
 * A bucket the application uses, with the verbs it needs, and the client to it. Declare it as a bean:
 * <pre class="code">
 * &#64;Bean
 * Bucket secureBucket() {
 *     return Bucket.named("secureBucket").allow(BucketVerb.WRITE);
 * }
 * </pre>
 * The declaration is least privilege: a call that needs a verb the bucket was not declared with fails with a
 * {@link BucketPermissionException} before any I/O, on every backend, exactly as the cloud would refuse it. Several
 * declarations of one bucket merge in the manifest, but each bean only allows its own verbs.
 * <p>
 * The auto-configuration binds each bucket bean to the configured {@link BucketStore}.
 */
public final class Bucket {

	private final String name;

	private final Set<BucketVerb> verbs;

	private final AtomicReference<BucketStore> store = new AtomicReference<>();

	private Bucket(String name, Set<BucketVerb> verbs) {
		this.name = name;
		this.verbs = verbs;
	}

	/**
	 * Declare a bucket with no verbs yet.
	 * @param name the logical name (see {@link dev.nitric.spring.cloud.BucketNames} for the rules)
	 * @return the bucket
	 */
	public static Bucket named(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Bucket name must not be empty");
		}
		return new Bucket(name, Collections.unmodifiableSet(EnumSet.noneOf(BucketVerb.class)));
	}

	/**
	 * Return a declaration of the same bucket that also allows the given verbs.
	 * @param verbs the verbs this code needs
	 * @return a new, unbound bucket
	 */
	public Bucket allow(BucketVerb... verbs) {
		Set<BucketVerb> allowed = EnumSet.noneOf(BucketVerb.class);
		allowed.addAll(this.verbs);
		allowed.addAll(List.of(verbs));
		return new Bucket(this.name, Collections.unmodifiableSet(allowed));
	}

	/**
	 * The bucket's logical name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The verbs this declaration allows.
	 * @return the verbs
	 */
	public Set<BucketVerb> verbs() {
		return this.verbs;
	}

	/**
	 * Return a handle on one object of the bucket. Nothing is read or checked until the handle is used.
	 * @param key the object's key (see {@link ObjectKeys})
	 * @return the handle
	 * @throws InvalidObjectKeyException if the key is not valid
	 */
	public BucketFile file(String key) {
		return new BucketFile(this, ObjectKeys.check(this.name, key));
	}

	/**
	 * List every key that starts with a prefix, in lexicographic order, reading all pages into memory. Prefer
	 * {@link #keys(String)} or {@link #list(String, int, String)} for buckets with many objects. Needs
	 * {@link BucketVerb#READ}.
	 * @param prefix the prefix, empty for every key
	 * @return the keys
	 */
	public List<String> list(String prefix) {
		require(BucketVerb.READ, "list objects");
		return store().list(this.name, prefix);
	}

	/**
	 * List one page of the keys that start with a prefix, in lexicographic order. Needs {@link BucketVerb#READ}.
	 * <pre class="code">
	 * BucketListing page = bucket.list("images/", 100, null);
	 * while (page.hasNextPage()) {
	 *     page = bucket.list("images/", 100, page.nextPageToken());
	 * }
	 * </pre>
	 * @param prefix the prefix, empty for every key
	 * @param pageSize the most keys to return, 1 to {@value BucketListing#DEFAULT_PAGE_SIZE}
	 * @param pageToken the previous page's {@link BucketListing#nextPageToken()}, or {@code null} for the first page
	 * @return the page
	 */
	public BucketListing list(String prefix, int pageSize, @Nullable String pageToken) {
		if (pageSize < 1 || pageSize > BucketListing.DEFAULT_PAGE_SIZE) {
			throw new IllegalArgumentException("Page size must be between 1 and " + BucketListing.DEFAULT_PAGE_SIZE
					+ ", was " + pageSize);
		}
		require(BucketVerb.READ, "list objects");
		return store().list(this.name, prefix, pageSize, pageToken);
	}

	/**
	 * Stream the keys that start with a prefix, in lexicographic order, reading one page at a time as the stream is
	 * consumed. Needs {@link BucketVerb#READ} (checked now, before any I/O).
	 * @param prefix the prefix, empty for every key
	 * @return the keys
	 */
	public Stream<String> keys(String prefix) {
		require(BucketVerb.READ, "list objects");
		BucketStore store = store();
		Iterator<String> keys = new Iterator<>() {

			private @Nullable BucketListing page;

			private Iterator<String> current = Collections.emptyIterator();

			@Override
			public boolean hasNext() {
				while (!this.current.hasNext()) {
					if (this.page != null && !this.page.hasNextPage()) {
						return false;
					}
					String token = (this.page != null) ? this.page.nextPageToken() : null;
					this.page = store.list(Bucket.this.name, prefix, BucketListing.DEFAULT_PAGE_SIZE, token);
					this.current = this.page.keys().iterator();
				}
				return true;
			}

			@Override
			public String next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.current.next();
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(keys,
				Spliterator.ORDERED | Spliterator.SORTED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
	}

	/**
	 * Bind this bucket to the store that holds its objects. Called once by the auto-configuration.
	 * @param store the store
	 * @throws IllegalStateException if the bucket is already bound to another store
	 */
	public void bindTo(BucketStore store) {
		if (!this.store.compareAndSet(null, store) && this.store.get() != store) {
			throw new IllegalStateException("Bucket '" + this.name + "' is already bound to " + this.store.get());
		}
	}

	void require(BucketVerb verb, String operation) {
		if (!this.verbs.contains(verb)) {
			throw new BucketPermissionException(this.name, verb, operation, this.verbs);
		}
	}

	BucketStore store() {
		BucketStore bound = this.store.get();
		if (bound == null) {
			throw new IllegalStateException("Bucket '" + this.name + "' is not bound to a store: declare it as a Spring "
					+ "bean (a @Bean method returning Bucket.named(\"" + this.name + "\")...) so that Nitric binds it");
		}
		return bound;
	}

	@Override
	public String toString() {
		return "Bucket '" + this.name + "' " + this.verbs;
	}

}
