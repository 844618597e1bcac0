package dev.nitric.spring.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.nitric.spring.storage.LocalBucketStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local bucket store against plain {@link Files} calls on the same disk: writes of 4 KiB and 1 MiB objects, with and
 * with fsync ({@code nitric.storage.local.fsync=true}) and without (the default), and reads. The raw baselines are
 * {@code Files.write}, the same write followed by an fsync, and {@code Files.readAllBytes}. See {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LocalBucketStoreBenchmark {

	@Param({ "4096", "1048576" })
	int size;

	private Path folder;

	private byte[] content;

	private LocalBucketStore store;

	private LocalBucketStore storeWithFsync;

	private Path rawFile;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.folder = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("benchmark.dir", "."))),
				"nitric-benchmark-");
		this.content = new byte[this.size];
		new Random(42).nextBytes(this.content);
		this.store = new LocalBucketStore(this.folder.resolve("store"));
		this.storeWithFsync = new LocalBucketStore(this.folder.resolve("store-fsync"), true);
		this.rawFile = Files.createDirectories(this.folder.resolve("raw/bucket/objects")).resolve("object.bin");
		this.store.write("bucket", "objects/object.bin", new ByteArrayInputStream(this.content));
		Files.write(this.rawFile, this.content);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Benchmark
	public void storeWrite() {
		this.store.write("bucket", "objects/object.bin", new ByteArrayInputStream(this.content));
	}

	@Benchmark
	public void storeWriteWithFsync() {
		this.storeWithFsync.write("bucket", "objects/object.bin", new ByteArrayInputStream(this.content));
	}

	@Benchmark
	public void rawWrite() throws IOException {
		Files.write(this.rawFile, this.content);
	}

	@Benchmark
	public void rawWriteWithFsync() throws IOException {
		try (FileChannel channel = FileChannel.open(this.rawFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(this.content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	@Benchmark
	public byte[] storeRead() {
		return this.store.readAllBytes("bucket", "objects/object.bin");
	}

	@Benchmark
	public byte[] rawRead() throws IOException {
		return Files.readAllBytes(this.rawFile);
	}

}
