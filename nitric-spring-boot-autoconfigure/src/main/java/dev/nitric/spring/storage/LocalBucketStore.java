package dev.nitric.spring.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The embedded backend: each bucket is a folder under a root ({@code .nitric/buckets} by default), each object a
 * file at its key. Writes go to a temporary file on the same file system, then are renamed over the target in one
 * atomic step, so a reader never sees half a file, an application that dies mid-write leaves the old content, and
 * concurrent writers of one key never corrupt it (the last rename wins).
 * <p>
 * This is a development store, and like the other local emulators of cloud storage it does not flush each write to
 * disk by default: the rename makes a write visible and atomic, and the operating system writes it out. Only a crash
 * of the whole machine (power loss, kernel panic) within the operating system's write-back delay could lose recent
 * writes. With {@code fsync} on, each temporary file is flushed before the rename, which closes that window at the
 * price of a disk flush per write (about half the throughput of a plain {@code Files.write} for small objects).
 * <p>
 * The media type given on write is kept in a user-defined file attribute where the file system supports them, and
 * derived from the key's extension otherwise. A file system limits each file name to 255 bytes, so each segment of a
 * key is limited to 255 bytes of UTF-8 here (the clouds only limit the whole key). The local store cannot sign URLs:
 * {@link #presignedUrl} throws {@link PresignedUrlNotSupportedException}.
 */
public final class LocalBucketStore implements BucketStore {

	/** Longest segment of a key, in bytes of UTF-8: the longest file name of common file systems. */
	public static final int MAX_SEGMENT_BYTES = 255;

	private static final String TEMP_FOLDER = ".nitric-tmp";

	private static final String CONTENT_TYPE_ATTRIBUTE = "nitric.content-type";

	private final Path root;

	private final Map<String, Path> bucketFolders = new ConcurrentHashMap<>();

	private final boolean fsync;

	/**
	 * Create a store under a root folder, created when first written, that does not flush each write to disk.
	 * @param root the folder that holds one folder per bucket
	 */
	public LocalBucketStore(Path root) {
		this(root, false);
	}

	/**
	 * Create a store under a root folder, created when first written.
	 * @param root the folder that holds one folder per bucket
	 * @param fsync whether each write is flushed to disk before it replaces the old content; without it a crash of
	 * the machine (not of the application) within the operating system's write-back delay may lose recent writes
	 */
	public LocalBucketStore(Path root, boolean fsync) {
		this.root = root.toAbsolutePath().normalize();
		this.fsync = fsync;
	}

	/**
	 * The root folder.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public void write(String bucket, String key, InputStream content, @Nullable String contentType) {
		Path target = resolve(bucket, key);
		@Nullable Path temp = null;
		try {
			Path tempFolder = Files.createDirectories(this.root.resolve(TEMP_FOLDER));
			temp = Files.createTempFile(tempFolder, "write-", ".tmp");
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				OutputStream out = Channels.newOutputStream(channel);
				content.transferTo(out);
				out.flush();
				if (this.fsync) {
					channel.force(true);
				}
			}
			if (contentType != null) {
				writeContentType(temp, contentType);
			}
			try {
				moveIntoPlace(bucket, key, temp, target);
			}
			catch (NoSuchFileException ex) {
				// A concurrent delete pruned the parent folder between its creation and the move: once more.
				moveIntoPlace(bucket, key, temp, target);
			}
			temp = null;
		}
		catch (IOException ex) {
			if (Files.isDirectory(target)) {
				throw new BucketStorageException("Cannot write '" + key + "' of bucket '" + bucket
						+ "': the local store keeps other keys under '" + key + "/', and a file system cannot hold both", ex);
			}
			throw new BucketStorageException("Could not write '" + key + "' of bucket '" + bucket + "': "
					+ ex.getClass().getSimpleName(), ex);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	private void moveIntoPlace(String bucket, String key, Path temp, Path target) throws IOException {
		createParents(bucket, key, target);
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new BucketStorageException("The local bucket store needs a file system with atomic renames to write '"
					+ key + "' of bucket '" + bucket + "'", ex);
		}
	}

	private static void writeContentType(Path file, String contentType) {
		UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
		if (view != null) {
			try {
				view.write(CONTENT_TYPE_ATTRIBUTE, StandardCharsets.UTF_8.encode(contentType));
			}
			catch (IOException | UnsupportedOperationException ex) {
				// No user-defined attributes on this file system: the type is derived from the key.
			}
		}
	}

	private static @Nullable String readContentType(Path file) {
		UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
		if (view == null) {
			return null;
		}
		try {
			if (!view.list().contains(CONTENT_TYPE_ATTRIBUTE)) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate(view.size(CONTENT_TYPE_ATTRIBUTE));
			view.read(CONTENT_TYPE_ATTRIBUTE, buffer);
			buffer.flip();
			return StandardCharsets.UTF_8.decode(buffer).toString();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

	private void createParents(String bucket, String key, Path target) throws IOException {
		try {
			Files.createDirectories(target.getParent());
		}
		catch (FileAlreadyExistsException | NotDirectoryException ex) {
			throw new BucketStorageException("Cannot write '" + key + "' of bucket '" + bucket
					+ "': the local store already holds a key that is a prefix of it, and a file system cannot hold both",
					ex);
		}
	}

	@Override
	public InputStream read(String bucket, String key) {
		Path file = resolve(bucket, key);
		try {
			if (Files.isDirectory(file)) {
				throw new ObjectNotFoundException(bucket, key);
			}
			return new ObjectInputStream(FileChannel.open(file, StandardOpenOption.READ));
		}
		catch (NoSuchFileException ex) {
			throw new ObjectNotFoundException(bucket, key);
		}
		catch (IOException ex) {
			throw readFailure(bucket, key, file, "read", ex);
		}
	}

	@Override
	public byte[] readAllBytes(String bucket, String key) {
		Path file = resolve(bucket, key);
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new ObjectNotFoundException(bucket, key);
		}
		catch (IOException ex) {
			if (Files.isDirectory(file)) {
				throw new ObjectNotFoundException(bucket, key);
			}
			throw readFailure(bucket, key, file, "read", ex);
		}
	}

	@Override
	public ObjectMetadata metadata(String bucket, String key) {
		Path file = resolve(bucket, key);
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new ObjectNotFoundException(bucket, key);
			}
			String contentType = readContentType(file);
			return new ObjectMetadata(key, attributes.size(), ContentTypes.orDerived(key, contentType),
					attributes.lastModifiedTime().toInstant());
		}
		catch (NoSuchFileException ex) {
			throw new ObjectNotFoundException(bucket, key);
		}
		catch (IOException ex) {
			throw readFailure(bucket, key, file, "read the metadata of", ex);
		}
	}

	private static BucketStorageException readFailure(String bucket, String key, Path file, String operation,
			IOException ex) {
		if (!Files.exists(file)) {
			// For example 'a/b' when 'a' is an object: the file system says "Not a directory".
			return new ObjectNotFoundException(bucket, key);
		}
		return new BucketStorageException("Could not " + operation + " '" + key + "' of bucket '" + bucket + "': "
				+ ex.getClass().getSimpleName(), ex);
	}

	@Override
	public boolean exists(String bucket, String key) {
		return Files.isRegularFile(resolve(bucket, key));
	}

	@Override
	public void delete(String bucket, String key) {
		Path file = resolve(bucket, key);
		try {
			if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
				pruneEmptyParents(file.getParent(), this.root.resolve(bucket));
			}
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not delete '" + key + "' of bucket '" + bucket + "': "
					+ ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The page token is the last key of the previous page: the next page starts after it.
	 */
	@Override
	public BucketListing list(String bucket, String prefix, int pageSize, @Nullable String pageToken) {
		List<String> keys = keys(bucket, prefix, pageToken, pageSize + 1);
		if (keys.size() <= pageSize) {
			return new BucketListing(keys, null);
		}
		List<String> page = keys.subList(0, pageSize);
		return new BucketListing(page, page.get(pageSize - 1));
	}

	@Override
	public List<String> list(String bucket, String prefix) {
		return keys(bucket, prefix, null, Integer.MAX_VALUE);
	}

	private List<String> keys(String bucket, String prefix, @Nullable String after, int limit) {
		Path folder = this.root.resolve(bucket).normalize();
		if (!folder.getParent().equals(this.root)) {
			throw new InvalidObjectKeyException(bucket, prefix, "the bucket name leaves the store's root");
		}
		// Walk only the deepest folder the prefix names, when it names one.
		int slash = prefix.lastIndexOf('/');
		Path start = folder;
		if (slash > 0) {
			Path named = folder.resolve(prefix.substring(0, slash)).normalize();
			start = named.startsWith(folder) ? named : folder;
		}
		if (!Files.isDirectory(start)) {
			return List.of();
		}
		String separator = folder.getFileSystem().getSeparator();
		for (int attempt = 1;; attempt++) {
			try (Stream<Path> files = Files.walk(start)) {
				return files.filter(Files::isRegularFile)
					.map((file) -> folder.relativize(file).toString().replace(separator, "/"))
					.filter((key) -> key.startsWith(prefix)
							&& (after == null || ObjectKeys.LISTING_ORDER.compare(key, after) > 0))
					.sorted(ObjectKeys.LISTING_ORDER)
					.limit(limit)
					.toList();
			}
			catch (IOException | UncheckedIOException ex) {
				Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
				if (!(cause instanceof NoSuchFileException) || attempt == 3) {
					throw new BucketStorageException("Could not list bucket '" + bucket + "': "
							+ cause.getClass().getSimpleName(), ex);
				}
				// A folder was pruned by a concurrent delete while it was walked: list again.
			}
		}
	}

	private Path resolve(String bucket, String key) {
		ObjectKeys.check(bucket, key);
		for (int start = 0, end; start < key.length(); start = end + 1) {
			end = key.indexOf('/', start);
			if (end < 0) {
				end = key.length();
			}
			if (ObjectKeys.utf8Length(key, start, end) > MAX_SEGMENT_BYTES) {
				throw new InvalidObjectKeyException(bucket, key, "the local store keeps each segment between '/' as a file "
						+ "name, and a file name has at most " + MAX_SEGMENT_BYTES + " bytes of UTF-8");
			}
		}
		Path folder = this.bucketFolders.computeIfAbsent(bucket, (name) -> this.root.resolve(name).normalize());
		Path file = folder.resolve(key).normalize();
		if (!folder.getParent().equals(this.root) || !file.startsWith(folder) || file.equals(folder)) {
			throw new InvalidObjectKeyException(bucket, key, "the key leaves its bucket");
		}
		return file;
	}

	private static void pruneEmptyParents(Path folder, Path bucketFolder) {
		Path current = folder;
		while (current.startsWith(bucketFolder) && !current.equals(bucketFolder)) {
			try {
				Files.delete(current);
			}
			catch (IOException ex) {
				// Not empty (another key lives there) or already gone: stop pruning.
				return;
			}
			current = current.getParent();
		}
	}

	private static void deleteQuietly(@Nullable Path temp) {
		if (temp != null) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (IOException ex) {
				// The temporary file is left behind; it never shadows an object.
			}
		}
	}

	/**
	 * A stream over one object's file that reads it whole in one sized read, as {@link Files#readAllBytes} does,
	 * rather than in growing chunks.
	 */
	private static final class ObjectInputStream extends FilterInputStream {

		private final FileChannel channel;

		ObjectInputStream(FileChannel channel) {
			super(Channels.newInputStream(channel));
			this.channel = channel;
		}

		@Override
		public byte[] readAllBytes() throws IOException {
			long remaining = this.channel.size() - this.channel.position();
			if (remaining <= 0 || remaining > Integer.MAX_VALUE - 8) {
				return super.readAllBytes();
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) remaining);
			while (buffer.hasRemaining() && this.channel.read(buffer) >= 0) {
				// Read until the buffer is full or the file ends.
			}
			byte[] content = (buffer.position() == buffer.capacity()) ? buffer.array()
					: Arrays.copyOf(buffer.array(), buffer.position());
			byte[] rest = super.readAllBytes();
			if (rest.length == 0) {
				return content;
			}
			byte[] all = Arrays.copyOf(content, content.length + rest.length);
			System.arraycopy(rest, 0, all, content.length, rest.length);
			return all;
		}

	}

	@Override
	public String toString() {
		return "LocalBucketStore";
	}

}
