package dev.nitric.spring.deployer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MainClassFinder}, on class files compiled into a temporary directory. The sources declare their
 * own {@code org.springframework.boot.autoconfigure.SpringBootApplication}, so the class files carry the real
 * annotation descriptor without Spring Boot on the test class path.
 */
class MainClassFinderTests {

	private static final String ANNOTATION = """
			package org.springframework.boot.autoconfigure;

			import java.lang.annotation.Retention;
			import java.lang.annotation.RetentionPolicy;

			@Retention(RetentionPolicy.RUNTIME)
			public @interface SpringBootApplication {
			}
			""";

	@TempDir
	Path sources;

	@TempDir
	Path classes;

	@Test
	void findWhenOneApplicationClassThenReturnsItsName() throws Exception {
		compile(Map.of("com/example/shop/ShopApplication.java", """
				package com.example.shop;

				@org.springframework.boot.autoconfigure.SpringBootApplication
				public class ShopApplication {
					public static void main(String[] args) {
					}
				}
				""", "com/example/shop/web/OrdersController.java", """
				package com.example.shop.web;

				public class OrdersController {
				}
				"""));
		assertThat(MainClassFinder.find(this.classes)).isEqualTo("com.example.shop.ShopApplication");
	}

	@Test
	void findWhenApplicationClassIsInDefaultPackageThenReturnsItsSimpleName() throws Exception {
		compile(Map.of("App.java", """
				@org.springframework.boot.autoconfigure.SpringBootApplication
				public class App {
				}
				"""));
		assertThat(MainClassFinder.find(this.classes)).isEqualTo("App");
	}

	@Test
	void findWhenClassOnlyMentionsTheAnnotationInAStringThenIgnoresIt() throws Exception {
		compile(Map.of("com/example/Other.java", """
				package com.example;

				public class Other {
					static final String NAME = "org.springframework.boot.autoconfigure.SpringBootApplication";
				}
				"""));
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> MainClassFinder.find(this.classes))
			.withMessageContaining("No class annotated with @SpringBootApplication");
	}

	@Test
	void findWhenNoApplicationClassThenFailsSayingHowToSetIt() throws Exception {
		compile(Map.of("com/example/Plain.java", """
				package com.example;

				public class Plain {
				}
				"""));
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> MainClassFinder.find(this.classes))
			.withMessageContaining("No class annotated with @SpringBootApplication")
			.withMessageContaining(this.classes.toString())
			.withMessageContaining("-Dnitric.mainClass=")
			.withMessageContaining("<mainClass>");
	}

	@Test
	void findWhenDirectoryIsEmptyThenFails() {
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> MainClassFinder.find(this.classes))
			.withMessageContaining("No class annotated with @SpringBootApplication");
	}

	@Test
	void findWhenTwoApplicationClassesThenFailsListingThem() throws Exception {
		compile(Map.of("com/example/b/BetaApplication.java", """
				package com.example.b;

				@org.springframework.boot.autoconfigure.SpringBootApplication
				public class BetaApplication {
				}
				""", "com/example/a/AlphaApplication.java", """
				package com.example.a;

				@org.springframework.boot.autoconfigure.SpringBootApplication
				public class AlphaApplication {
				}
				"""));
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> MainClassFinder.find(this.classes))
			.withMessageContaining("Several classes annotated with @SpringBootApplication")
			.withMessageContaining("[com.example.a.AlphaApplication, com.example.b.BetaApplication]")
			.withMessageContaining("-Dnitric.mainClass=");
	}

	private void compile(Map<String, String> sourcesByPath) throws IOException {
		write("org/springframework/boot/autoconfigure/SpringBootApplication.java", ANNOTATION);
		for (Map.Entry<String, String> source : sourcesByPath.entrySet()) {
			write(source.getKey(), source.getValue());
		}
		List<String> arguments = new ArrayList<>(List.of("-d", this.classes.toString(), "-proc:none"));
		try (Stream<Path> files = Files.walk(this.sources)) {
			files.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).forEach(arguments::add);
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("a JDK with javac").isNotNull();
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac exit code").isZero();
		// Only the application's classes are scanned, as in target/classes.
		deleteTree(this.classes.resolve("org"));
	}

	private void write(String path, String source) throws IOException {
		Path file = this.sources.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, source, StandardCharsets.UTF_8);
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.delete(file);
			}
		}
	}

}
