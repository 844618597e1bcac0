package dev.nitric.spring.deployer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoFailureException;

/**
 * Finds the class annotated with {@code @SpringBootApplication} among compiled classes, by looking for the
 * annotation's descriptor in each class file's constant pool, without loading any class.
 */
final class MainClassFinder {

	private static final byte[] MARKER = "Lorg/springframework/boot/autoconfigure/SpringBootApplication;"
		.getBytes(StandardCharsets.UTF_8);

	private MainClassFinder() {
	}

	static String find(Path classes) throws MojoFailureException {
		List<String> candidates;
		try (Stream<Path> files = Files.walk(classes)) {
			candidates = files.filter((file) -> file.toString().endsWith(".class"))
				.filter(MainClassFinder::isAnnotated)
				.map((file) -> className(classes, file))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new MojoFailureException("Could not scan " + classes + " for the main class", ex);
		}
		if (candidates.size() != 1) {
			throw new MojoFailureException(((candidates.isEmpty()) ? "No class annotated with @SpringBootApplication"
					: "Several classes annotated with @SpringBootApplication " + candidates) + " in " + classes
					+ ": set the main class with -Dnitric.mainClass=<class> or <mainClass> in the plugin configuration");
		}
		return candidates.get(0);
	}

	private static boolean isAnnotated(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return indexOf(in.readAllBytes(), MARKER) >= 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static String className(Path classes, Path file) {
		String relative = classes.relativize(file).toString();
		return relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(),
				".");
	}

}
