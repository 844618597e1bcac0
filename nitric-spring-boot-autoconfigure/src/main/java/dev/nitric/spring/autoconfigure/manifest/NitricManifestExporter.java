package dev.nitric.spring.autoconfigure.manifest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.nitric.spring.manifest.Manifest;
import dev.nitric.spring.manifest.ManifestJson;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Writes an application's manifest without serving it: runs the application's {@code main} until its context is
 * refreshed, with no HTTP port opened ({@code server.port=-1}), lazy initialisation and no banner, writes the
 * {@link Manifest} and abandons the run before any runner executes. This is what {@code nitric:manifest} forks, as
 * {@code spring-boot:process-aot} does.
 * <p>
 * Arguments: the application's main class, the output file, then any arguments for the application.
 */
public final class NitricManifestExporter {

	/** Properties that keep the export free of side effects; they win over the application's own. */
	static final Map<String, Object> EXPORT_PROPERTIES = Map.of("server.port", "-1", "spring.main.lazy-initialization",
			"true", "spring.main.banner-mode", "off", "management.server.port", "-1");

	private NitricManifestExporter() {
	}

	/**
	 * Export a manifest.
	 * @param args the main class, the output file, then the application's arguments
	 * @throws Exception if the application cannot start or the file cannot be written
	 */
	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("Usage: NitricManifestExporter <application main class> <output file> [args...]");
			System.exit(2);
		}
		Path output = export(args[0], Path.of(args[1]), Arrays.copyOfRange(args, 2, args.length));
		System.out.println("Nitric manifest written to " + output);
		System.exit(0);
	}

	/**
	 * Run an application's main class and write its manifest.
	 * @param mainClassName the application's main class
	 * @param output the file to write
	 * @param applicationArgs the application's arguments
	 * @return the file written
	 * @throws Exception if the application cannot start or the file cannot be written
	 */
	public static Path export(String mainClassName, Path output, String[] applicationArgs) throws Exception {
		Method main = mainMethod(mainClassName);
		ExportHook hook = new ExportHook();
		try {
			SpringApplication.withHook(hook, () -> invoke(main, applicationArgs));
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// Expected: the hook abandons the run once the manifest is captured.
		}
		Manifest manifest = hook.manifest;
		if (manifest == null) {
			throw new IllegalStateException("Application " + mainClassName
					+ " did not start a Spring application context with the Nitric starter, so there is no manifest");
		}
		Path target = output.toAbsolutePath();
		Files.createDirectories(target.getParent());
		Path temp = Files.createTempFile(target.getParent(), ".manifest-", ".json");
		Files.writeString(temp, ManifestJson.write(manifest), StandardCharsets.UTF_8);
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return target;
	}

	private static Method mainMethod(String mainClassName) throws ClassNotFoundException, NoSuchMethodException {
		Class<?> mainClass = Class.forName(mainClassName, false, Thread.currentThread().getContextClassLoader());
		Method main = mainClass.getDeclaredMethod("main", String[].class);
		if (!Modifier.isStatic(main.getModifiers())) {
			throw new NoSuchMethodException(mainClassName + ".main(String[]) is not static");
		}
		main.setAccessible(true);
		return main;
	}

	private static void invoke(Method main, String[] args) {
		try {
			main.invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("The application's main method failed", ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call the application's main method", ex);
		}
	}

	private static final class ExportHook implements SpringApplicationHook {

		private volatile @Nullable Manifest manifest;

		@Override
		public SpringApplicationRunListener getRunListener(SpringApplication application) {
			return new SpringApplicationRunListener() {

				@Override
				public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
						ConfigurableEnvironment environment) {
					environment.getPropertySources()
						.addFirst(new MapPropertySource("nitricManifestExport", EXPORT_PROPERTIES));
				}

				@Override
				public void started(ConfigurableApplicationContext context, Duration timeTaken) {
					ExportHook.this.manifest = context.getBean(Manifest.class);
					throw new SpringApplication.AbandonedRunException(context);
				}

			};
		}

	}

}
