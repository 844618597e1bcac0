package dev.nitric.spring.storage.azure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts <a href="https://github.com/Azure/Azurite">Azurite</a>'s Blob service, installed by the build with
 * {@code npm ci} in {@code src/test/azurite}, in memory on a free loopback port before a test class, and stops it
 * after. When Azurite is not installed, the tests fail with the reason: a missing peer is a broken build, never a
 * skipped test.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {

	/** Azurite's well-known development account. */
	private static final String ACCOUNT = "devstoreaccount1";

	/** Azurite's well-known development account key: public, documented, and accepted by nothing else. */
	private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

	private static final Path MAIN = Path.of("src/test/azurite/node_modules/azurite/dist/src/blob/main.js");

	private @Nullable Process process;

	private int port;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		if (!Files.isRegularFile(MAIN)) {
			throw new IllegalStateException("Azurite is not installed at " + MAIN.toAbsolutePath()
					+ ": the build installs it with npm ci in generate-test-resources (run the module's build, not the "
					+ "test class alone, and do not set -Dazurite.skip)");
		}
		this.port = freePort();
		this.process = new ProcessBuilder("node", MAIN.toString(), "--inMemoryPersistence", "--blobHost", "127.0.0.1",
				"--blobPort", String.valueOf(this.port), "--skipApiVersionCheck", "--loose", "--silent")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!listening(this.port)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				afterAll(context);
				throw new IllegalStateException("Azurite did not start on port " + this.port);
			}
			Thread.sleep(50);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			if (!running.waitFor(5, TimeUnit.SECONDS)) {
				running.destroyForcibly();
			}
			this.process = null;
		}
	}

	/**
	 * The connection string of the development account on this Azurite.
	 * @return the connection string
	 */
	public String connectionString() {
		return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
				+ ";BlobEndpoint=http://127.0.0.1:" + this.port + "/" + ACCOUNT + ";";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
