package dev.nitric.spring.autoconfigure.gateway.devissuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import dev.nitric.spring.json.Json;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the development issuer's RSA key pair in a small JSON file ({@code {"kty":"RSA","private":"<PKCS#8,
 * base64>","public":"<X.509, base64>"}}), written atomically and readable by its owner only. The key signs tokens for
 * local runs only: the development issuer never runs behind a real gateway.
 */
final class DevelopmentKeyFile {

	private static final Log logger = LogFactory.getLog(DevelopmentKeyFile.class);

	private DevelopmentKeyFile() {
	}

	/**
	 * Something that makes a key pair.
	 */
	@FunctionalInterface
	interface KeyPairSource {

		KeyPair get() throws GeneralSecurityException;

	}

	/**
	 * Read the key pair from the file, or make one and write it there. A missing, unreadable or corrupt file gives a
	 * new key pair (tokens minted with the old one stop verifying); a file that cannot be written leaves the key in
	 * memory.
	 * @param file the key file
	 * @param generator makes a new key pair
	 * @return the key pair
	 * @throws GeneralSecurityException if no key pair can be made
	 */
	static KeyPair loadOrCreate(Path file, KeyPairSource generator) throws GeneralSecurityException {
		if (Files.isRegularFile(file)) {
			try {
				return read(file);
			}
			catch (IOException | GeneralSecurityException | RuntimeException ex) {
				logger.warn("The development issuer's key file " + file + " cannot be read (" + ex.getClass().getSimpleName()
						+ "); a new key replaces it, so tokens minted before stop verifying");
			}
		}
		KeyPair keyPair = generator.get();
		try {
			write(file, keyPair);
		}
		catch (IOException ex) {
			logger.warn("The development issuer's key cannot be saved to " + file + " (" + ex.getClass().getSimpleName()
					+ "); it is kept in memory, so tokens will not survive a restart");
		}
		return keyPair;
	}

	private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
		Map<?, ?> document = (Map<?, ?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
		if (!"RSA".equals(document.get("kty"))) {
			throw new IllegalArgumentException("not an RSA key file");
		}
		KeyFactory factory = KeyFactory.getInstance("RSA");
		return new KeyPair(
				factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode((String) document.get("public")))),
				factory.generatePrivate(
						new PKCS8EncodedKeySpec(Base64.getDecoder().decode((String) document.get("private")))));
	}

	private static void write(Path file, KeyPair keyPair) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		Path temp = Files.createTempFile(folder, ".key-", ".tmp");
		try {
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			String json = "{\"kty\":\"RSA\",\"private\":"
					+ Json.quote(Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded())) + ",\"public\":"
					+ Json.quote(Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded())) + "}\n";
			Files.writeString(temp, json, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
