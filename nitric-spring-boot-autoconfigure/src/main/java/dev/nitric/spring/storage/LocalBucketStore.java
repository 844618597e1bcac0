package dev.nitric.spring.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The embedded backend: each bucket is a folder under a root ({@code .nitric/buckets} by default), each object a
 * file at its key. Writes go to a temporary file on the same file system, are flushed to disk, then renamed over the
 * target in one atomic step, so a reader never sees half a file, a crash mid-write leaves the old content, and
 * concurrent writers of one key never corrupt it (the last rename wins).
 */
public final class LocalBucketStore implements BucketStore {

	private static final String TEMP_FOLDER = ".nitric-tmp";

	private final Path root;

	/**
	 * Create a store under a root folder, created when first written.
	 * @param root the folder that holds one folder per bucket
	 */
	public LocalBucketStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * The root folder.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public void write(String bucket, String key, InputStream content) {
		Path target = resolve(bucket, key);
		@Nullable Path temp = null;
		try {
			Path tempFolder = Files.createDirectories(this.root.resolve(TEMP_FOLDER));
			temp = Files.createTempFile(tempFolder, "write-", ".tmp");
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				OutputStream out = Channels.newOutputStream(channel);
				content.transferTo(out);
				out.flush();
				channel.force(true);
			}
			createParents(bucket, key, target);
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new BucketStorageException("The local bucket store needs a file system with atomic renames to write '"
						+ key + "' of bucket '" + bucket + "'", ex);
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
			return Files.newInputStream(file);
		}
		catch (NoSuchFileException ex) {
			throw new ObjectNotFoundException(bucket, key);
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not read '" + key + "' of bucket '" + bucket + "': "
					+ ex.getClass().getSimpleName(), ex);
		}
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

	@Override
	public List<String> list(String bucket, String prefix) {
		Path folder = this.root.resolve(bucket);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/"))
				.filter((key) -> key.startsWith(prefix))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new BucketStorageException("Could not list bucket '" + bucket + "': " + ex.getClass().getSimpleName(), ex);
		}
	}

	private Path resolve(String bucket, String key) {
		ObjectKeys.check(bucket, key);
		Path folder = this.root.resolve(bucket).normalize();
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

	@Override
	public String toString() {
		return "LocalBucketStore";
	}

}
