package dev.nitric.spring.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts an application once and prints what its start-up cost in CPU time rather than in elapsed time, which on a
 * shared machine mostly measures the other processes: the CPU time of the main thread and of the whole process when
 * {@code SpringApplication.run} returns, the number of classes loaded, and for each start-up step of the main thread
 * (bean creation, configuration parsing, ...) its CPU time with and without its nested steps.
 * <p>
 * Output, one line each: {@code PROBE main_cpu_ms=.. process_cpu_ms=.. classes=.. wall_ms=..}, then
 * {@code STEP <self µs> <total µs> <step name> [bean or post-processor]}. Used by {@code startup-cpu.sh}.
 * <p>
 * Usage: {@code java -cp <probe>:<application> dev.nitric.spring.benchmarks.startup.StartupCpuProbe <main class>
 * [application arguments]}.
 */
public final class StartupCpuProbe {

	private StartupCpuProbe() {
	}

	/**
	 * Start the application, print the figures, stop it.
	 * @param args the application's main class, then its arguments
	 * @throws Exception if the main class cannot be loaded or the application fails to start
	 */
	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		Class<?> mainClass = Class.forName(args[0]);
		String[] applicationArgs = new String[args.length - 1];
		System.arraycopy(args, 1, applicationArgs, 0, applicationArgs.length);
		SpringApplication application = new SpringApplication(mainClass);
		CpuApplicationStartup startup = new CpuApplicationStartup();
		application.setApplicationStartup(startup);
		ConfigurableApplicationContext context = application.run(applicationArgs);
		long wall = System.nanoTime() - start;
		long mainCpu = CpuApplicationStartup.THREADS.getCurrentThreadCpuTime();
		long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		System.out.printf("PROBE main_cpu_ms=%d process_cpu_ms=%d classes=%d wall_ms=%d%n", mainCpu / 1_000_000,
				processCpu / 1_000_000, classes, wall / 1_000_000);
		for (CpuApplicationStartup.Step step : startup.ended) {
			System.out.printf("STEP %d %d %s%n", (step.cpu - step.nestedCpu) / 1000, step.cpu / 1000, step.label());
		}
		context.close();
		System.exit(0);
	}

	/**
	 * Records the main thread's CPU time of every start-up step; steps of other threads are not recorded.
	 */
	static final class CpuApplicationStartup implements ApplicationStartup {

		static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		final List<Step> ended = new ArrayList<>();

		private final Deque<Step> open = new ArrayDeque<>();

		private final Thread main = Thread.currentThread();

		@Override
		public StartupStep start(String name) {
			if (Thread.currentThread() != this.main) {
				return ApplicationStartup.DEFAULT.start(name);
			}
			Step step = new Step(name, this.open.peek());
			this.open.push(step);
			step.startCpu = THREADS.getCurrentThreadCpuTime();
			return step;
		}

		final class Step implements StartupStep {

			private final String name;

			private final Step parent;

			private final List<Tag> tags = new ArrayList<>();

			long startCpu;

			long cpu;

			long nestedCpu;

			Step(String name, Step parent) {
				this.name = name;
				this.parent = parent;
			}

			@Override
			public String getName() {
				return this.name;
			}

			@Override
			public long getId() {
				return 0;
			}

			@Override
			public Long getParentId() {
				return null;
			}

			@Override
			public StartupStep tag(String key, String value) {
				this.tags.add(new Tag() {

					@Override
					public String getKey() {
						return key;
					}

					@Override
					public String getValue() {
						return value;
					}

				});
				return this;
			}

			@Override
			public StartupStep tag(String key, Supplier<String> value) {
				return tag(key, value.get());
			}

			@Override
			public Tags getTags() {
				return this.tags::iterator;
			}

			@Override
			public void end() {
				this.cpu = THREADS.getCurrentThreadCpuTime() - this.startCpu;
				CpuApplicationStartup.this.open.remove(this);
				if (this.parent != null) {
					this.parent.nestedCpu += this.cpu;
				}
				CpuApplicationStartup.this.ended.add(this);
			}

			String label() {
				StringBuilder label = new StringBuilder(this.name);
				for (Tag tag : this.tags) {
					if (tag.getKey().equals("beanName") || tag.getKey().equals("postProcessor")) {
						label.append(' ').append(tag.getValue().replaceAll("@[0-9a-f]+$", ""));
					}
				}
				return label.toString();
			}

		}

	}

}
