package dev.nitric.spring.deployer.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replaces a folder's content all at once: the new files are written into a temporary sibling folder, which then
 * takes the folder's place, so that a failure never leaves a half-written folder. What Terraform keeps next to the
 * configuration (state, lock file, provider cache, variable files) is carried over.
 */
final class OutputFolder {

	private OutputFolder() {
	}

	/**
	 * Whether an entry of a previous folder is Terraform's, not ours, and must survive a new synthesis.
	 * @param name the entry's file name
	 * @return {@code true} for {@code .terraform}, {@code .terraform.lock.hcl}, {@code terraform.tfstate*} and
	 * {@code *.tfvars}
	 */
	static boolean isTerraforms(String name) {
		return name.equals(".terraform") || name.equals(".terraform.lock.hcl") || name.startsWith("terraform.tfstate")
				|| name.endsWith(".tfvars") || name.endsWith(".tfvars.json");
	}

	static void replace(Path folder, Map<String, String> files) throws IOException {
		Path parent = folder.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path temporary = Files.createTempDirectory(parent, "." + folder.getFileName() + ".new-");
		Path previous = null;
		try {
			for (Map.Entry<String, String> file : files.entrySet()) {
				Path target = temporary.resolve(file.getKey());
				Files.createDirectories(target.getParent());
				Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
			}
			if (Files.exists(folder)) {
				previous = Files.createTempDirectory(parent, "." + folder.getFileName() + ".old-");
				Files.delete(previous);
				move(folder, previous);
				carryOver(previous, temporary);
			}
			move(temporary, folder);
			temporary = null;
		}
		finally {
			if (temporary != null) {
				if (previous != null) {
					carryOver(temporary, previous);
				}
				deleteTree(temporary);
				if (previous != null && !Files.exists(folder)) {
					move(previous, folder);
					previous = null;
				}
			}
			if (previous != null) {
				deleteTree(previous);
			}
		}
	}

	private static void carryOver(Path from, Path to) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
			for (Path entry : entries) {
				if (isTerraforms(entry.getFileName().toString())) {
					move(entry, to.resolve(entry.getFileName().toString()));
				}
			}
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to);
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
