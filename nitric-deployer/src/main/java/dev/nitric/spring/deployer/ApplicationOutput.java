package dev.nitric.spring.deployer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The output of the forked application: passes each line on (to the Maven log) and remembers what explains a failed
 * start, so that the goal's failure message says why without the user scrolling back: Spring Boot's failure analysis
 * ({@code APPLICATION FAILED TO START}, its description and action) or else the uncaught exception that ended
 * {@code main}.
 */
final class ApplicationOutput {

	private static final String FAILURE_BANNER = "APPLICATION FAILED TO START";

	private static final String UNCAUGHT = "Exception in thread \"main\" ";

	private static final int MAX_REPORT_LINES = 40;

	private final Consumer<String> sink;

	private final List<String> failureAnalysis = new ArrayList<>();

	private boolean inFailureAnalysis;

	private final List<String> uncaught = new ArrayList<>();

	ApplicationOutput(Consumer<String> sink) {
		this.sink = sink;
	}

	/**
	 * Read a stream to its end, line by line.
	 * @param in the stream
	 * @param charset its encoding
	 */
	void consume(InputStream in, Charset charset) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset))) {
			String line;
			while ((line = reader.readLine()) != null) {
				accept(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Take one line of output.
	 * @param line the line, without its end
	 */
	synchronized void accept(String line) {
		this.sink.accept(line);
		if (line.contains(FAILURE_BANNER)) {
			this.failureAnalysis.clear();
			this.inFailureAnalysis = true;
			return;
		}
		if (this.inFailureAnalysis) {
			if (isLogRecord(line)) {
				this.inFailureAnalysis = false;
			}
			else if (this.failureAnalysis.size() < MAX_REPORT_LINES) {
				this.failureAnalysis.add(line);
			}
		}
		if (line.startsWith(UNCAUGHT)) {
			this.uncaught.clear();
			this.uncaught.add(line.substring(UNCAUGHT.length()));
		}
		else if (!this.uncaught.isEmpty() && line.startsWith("Caused by: ")
				&& this.uncaught.size() < MAX_REPORT_LINES) {
			this.uncaught.add(line);
		}
	}

	/**
	 * What explains the failure, when the output said it.
	 * @return Spring Boot's failure analysis, else the uncaught exception with its causes, else {@code null}
	 */
	synchronized @Nullable String failureReport() {
		String analysis = trim(this.failureAnalysis);
		if (analysis != null) {
			return analysis;
		}
		return trim(this.uncaught);
	}

	private static @Nullable String trim(List<String> lines) {
		int from = 0;
		int to = lines.size();
		while (from < to && isDecoration(lines.get(from))) {
			from++;
		}
		while (to > from && isDecoration(lines.get(to - 1))) {
			to--;
		}
		return (from < to) ? String.join("\n", lines.subList(from, to)) : null;
	}

	private static boolean isDecoration(String line) {
		return line.isBlank() || line.chars().allMatch((c) -> c == '*');
	}

	private static boolean isLogRecord(String line) {
		// Spring Boot's default console pattern starts with an ISO-8601 timestamp.
		return line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(4) == '-'
				&& line.charAt(10) == 'T';
	}

}
