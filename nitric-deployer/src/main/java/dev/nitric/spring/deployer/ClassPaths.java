package dev.nitric.spring.deployer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Looks for a class on a class path given as directories and jar files, without loading it.
 */
final class ClassPaths {

	private ClassPaths() {
	}

	/**
	 * Whether a class path holds a class.
	 * @param classPath the elements: directories and jar files
	 * @param className the class's binary name
	 * @return {@code true} when some element has the class file
	 */
	static boolean contains(List<String> classPath, String className) {
		String entry = className.replace('.', '/') + ".class";
		for (String element : classPath) {
			Path path = Path.of(element);
			if (Files.isDirectory(path)) {
				if (Files.isRegularFile(path.resolve(entry.replace('/', File.separatorChar)))) {
					return true;
				}
			}
			else if (Files.isRegularFile(path)) {
				try (ZipFile jar = new ZipFile(path.toFile())) {
					if (jar.getEntry(entry) != null) {
						return true;
					}
				}
				catch (IOException ex) {
					// Not a jar: it cannot hold the class.
				}
			}
		}
		return false;
	}

}
