package dev.nitric.spring.cloud;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BucketNames}.
 */
class BucketNamesTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "secureBucket", "images-2024", "abc", "a1b", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh",
			"UPPER-case-9" })
	void problemsWhenNameValidOnEveryCloudThenNone(String name) {
		assertThat(BucketNames.problems(name)).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "my_bucket | AWS and Azure: '_' is not allowed",
			"my.bucket | Azure: '.' is not allowed", "googlebucket | GCP: a Cloud Storage bucket name does not start with 'goog'",
			"goog-x | GCP: a Cloud Storage bucket name does not start with 'goog'",
			"my-google-files | GCP: a Cloud Storage bucket name does not contain 'google'",
			"my-g00gle-files | GCP: a Cloud Storage bucket name does not contain 'google'",
			"xn--abc | AWS: an S3 bucket name does not start with 'xn--'",
			"sthree-abc | AWS: an S3 bucket name does not start with 'sthree-'",
			"a--b | Azure: a Blob container name has no consecutive hyphens",
			"a..b | AWS: an S3 bucket name has no two adjacent periods",
			"10.0.0.1 | AWS and GCP: a bucket name is not formatted as an IP address",
			"ab | all clouds: a bucket name has 3 to 48 characters",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghi | all clouds: a bucket name has 3 to 48 characters",
			"-abc | all clouds: a bucket name starts with a letter or digit",
			"abc- | all clouds: a bucket name ends with a letter or digit",
			"my bucket | all clouds: a bucket name has only letters, digits and hyphens; ' ' is not allowed",
			"caf\u00e9 | all clouds: a bucket name has only letters, digits and hyphens; '\u00e9' is not allowed" })
	void problemsWhenRuleBrokenThenMessageStartsWithRefusingClouds(String name, String expected) {
		List<String> problems = BucketNames.problems(name);
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).startsWith(expected));
		assertThat(problems)
			.allSatisfy((problem) -> assertThat(problem).matches("(all clouds|AWS|GCP|Azure|AWS and Azure|AWS and GCP): .+"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "my_bucket", "my.bucket", "a--b" })
	void problemsWhenOnlySomeCloudsRefuseThenDoesNotBlameAllClouds(String name) {
		assertThat(BucketNames.problems(name)).noneMatch((problem) -> problem.startsWith("all clouds"));
	}

	@Test
	void physicalBaseIsLogicalNameInLowerCase() {
		assertThat(BucketNames.physicalBase("secureBucket")).isEqualTo("securebucket");
	}

}
