package dev.nitric.spring.deployer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClassPaths}.
 */
class ClassPathsTests {

	private static final String EXPORTER = "dev.nitric.spring.autoconfigure.manifest.NitricManifestExporter";

	@TempDir
	Path temp;

	@Test
	void containsWhenJarHasTheClassThenTrue() throws IOException {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path jar = jar("nitric.jar", "dev/nitric/spring/autoconfigure/manifest/NitricManifestExporter.class");
		assertThat(ClassPaths.contains(List.of(classes.toString(), jar.toString()), EXPORTER)).isTrue();
	}

	@Test
	void containsWhenDirectoryHasTheClassThenTrue() throws IOException {
		Path classes = this.temp.resolve("classes");
		Path file = classes.resolve("dev/nitric/spring/autoconfigure/manifest/NitricManifestExporter.class");
		Files.createDirectories(file.getParent());
		Files.write(file, new byte[] { 1 });
		assertThat(ClassPaths.contains(List.of(classes.toString()), EXPORTER)).isTrue();
	}

	@Test
	void containsWhenNoElementHasTheClassThenFalse() throws IOException {
		Path jar = jar("other.jar", "com/example/Other.class");
		Path notAJar = Files.writeString(this.temp.resolve("notes.txt"), "not a jar");
		Path missing = this.temp.resolve("missing.jar");
		assertThat(ClassPaths.contains(List.of(jar.toString(), notAJar.toString(), missing.toString()), EXPORTER))
			.isFalse();
	}

	private Path jar(String name, String entry) throws IOException {
		Path jar = this.temp.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(new byte[] { 1 });
			zip.closeEntry();
		}
		return jar;
	}

}
