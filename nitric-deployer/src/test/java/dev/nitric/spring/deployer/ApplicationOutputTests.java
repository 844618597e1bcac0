package dev.nitric.spring.deployer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationOutput}.
 */
class ApplicationOutputTests {

	private final List<String> logged = new ArrayList<>();

	private final ApplicationOutput output = new ApplicationOutput(this.logged::add);

	@Test
	void consumeThenPassesEveryLineOn() {
		String text = "first\nsecond\r\nthird";
		this.output.consume(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
		assertThat(this.logged).containsExactly("first", "second", "third");
		assertThat(this.output.failureReport()).isNull();
	}

	@Test
	void failureReportWhenSpringBootAnalysedTheFailureThenIsTheDescriptionAndAction() {
		lines("2026-12-04T15:47:10.987Z  WARN 6455 --- [main] Context : Exception encountered during refresh",
				"2026-12-04T15:47:11.039Z ERROR 6455 --- [main] o.s.b.d.LoggingFailureAnalysisReporter   : ", "",
				"***************************", "APPLICATION FAILED TO START", "***************************", "",
				"Description:", "", "Nitric found 1 declaration that the clouds cannot deploy as written:", "",
				"  - bucket 'bad_name' (bean badBucket) has a name the clouds refuse", "", "Action:", "",
				"Change the declarations:", "", "  - rename it", "");
		assertThat(this.output.failureReport()).startsWith("Description:")
			.contains("bucket 'bad_name'")
			.endsWith("  - rename it");
	}

	@Test
	void failureReportWhenLogRecordsFollowTheAnalysisThenStopsAtThem() {
		lines("APPLICATION FAILED TO START", "", "Description:", "", "Broken", "",
				"2026-12-04T15:47:12.000Z  INFO 1 --- [main] Something : shutting down", "after");
		assertThat(this.output.failureReport()).isEqualTo("Description:\n\nBroken");
	}

	@Test
	void failureReportWhenMainThrewWithoutAnalysisThenIsTheExceptionAndItsCauses() {
		lines("Exception in thread \"main\" java.lang.IllegalStateException: Application com.example.App did not start",
				"\tat dev.nitric.spring.autoconfigure.manifest.NitricManifestExporter.export(NitricManifestExporter.java:80)",
				"Caused by: java.lang.ClassNotFoundException: com.example.Missing", "\t... 3 more");
		assertThat(this.output.failureReport()).isEqualTo(
				"java.lang.IllegalStateException: Application com.example.App did not start\n"
						+ "Caused by: java.lang.ClassNotFoundException: com.example.Missing");
	}

	@Test
	void failureReportWhenOutputSaysNothingUsefulThenIsNull() {
		lines("Error: Could not find or load main class Foo", "Caused by: java.lang.ClassNotFoundException: Foo");
		assertThat(this.output.failureReport()).isNull();
	}

	private void lines(String... lines) {
		for (String line : lines) {
			this.output.accept(line);
		}
		assertThat(this.logged).containsExactly(lines);
	}

}
