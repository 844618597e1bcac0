package dev.nitric.spring.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The naming rules a bucket's name must meet on every cloud.
 * <p>
 * A bucket is declared with a logical name (for example {@code secureBucket}). Its physical name on a cloud is the
 * logical name in lower case, followed by {@code -} and a deployment suffix of at most {@value #SUFFIX_LENGTH}
 * characters chosen by the deployer, so that one application can be deployed several times into one account. The
 * logical name is checked here against each cloud's rules with that in mind:
 * <ul>
 * <li>S3: <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html">bucket naming
 * rules</a>;</li>
 * <li>Cloud Storage: <a href="https://cloud.google.com/storage/docs/buckets#naming">bucket names</a>;</li>
 * <li>Blob Storage: <a href=
 * "https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata">container
 * names</a>.</li>
 * </ul>
 */
public final class BucketNames {

	/** Longest deployment suffix the deployer appends (after a {@code -}). */
	public static final int SUFFIX_LENGTH = 14;

	/** Longest logical name: every cloud allows 63 characters, less the suffix and its separator. */
	public static final int MAX_LENGTH = 63 - SUFFIX_LENGTH - 1;

	/** Shortest logical name: every cloud wants at least 3 characters. */
	public static final int MIN_LENGTH = 3;

	private static final Pattern IP_ADDRESS = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

	private static final Pattern GOOGLE_LOOKALIKE = Pattern.compile("g[o0]{2}g[l1]e");

	private BucketNames() {
	}

	/**
	 * Return the base of the physical name: the logical name in lower case.
	 * @param logicalName the declared name
	 * @return the physical name's base
	 */
	public static String physicalBase(String logicalName) {
		return logicalName.toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the environment variable through which the deployer tells a deployed service the physical name of a
	 * bucket: {@code NITRIC_BUCKET_} followed by the logical name in upper case, with every character other than a
	 * letter or digit replaced by {@code _} ({@code secureBucket} → {@code NITRIC_BUCKET_SECUREBUCKET},
	 * {@code user-uploads} → {@code NITRIC_BUCKET_USER_UPLOADS}).
	 * @param logicalName the declared name
	 * @return the variable's name
	 */
	public static String environmentVariable(String logicalName) {
		return "NITRIC_BUCKET_" + logicalName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
	}

	/**
	 * Check a logical bucket name against every cloud's rules.
	 * @param logicalName the declared name
	 * @return one message per rule broken, each starting with the cloud that refuses it; empty when every cloud
	 * accepts the name
	 */
	public static List<String> problems(String logicalName) {
		List<String> problems = new ArrayList<>();
		if (logicalName.length() < MIN_LENGTH || logicalName.length() > MAX_LENGTH) {
			problems.add("all clouds: a bucket name has " + MIN_LENGTH + " to " + MAX_LENGTH
					+ " characters (63, less room for the deployment suffix); '" + logicalName + "' has "
					+ logicalName.length());
		}
		String name = physicalBase(logicalName);
		int invalid = firstIndexNotMatching(name, "abcdefghijklmnopqrstuvwxyz0123456789-._");
		if (invalid >= 0) {
			problems.add("all clouds: a bucket name has only letters, digits and hyphens; '" + logicalName.charAt(invalid)
					+ "' is not allowed");
		}
		if (name.indexOf('_') >= 0) {
			problems.add("AWS and Azure: '_' is not allowed in S3 bucket or Blob container names");
		}
		if (name.indexOf('.') >= 0) {
			problems.add("Azure: '.' is not allowed in Blob container names (and S3 discourages it: "
					+ "it breaks virtual-hosted-style HTTPS)");
		}
		if (!name.isEmpty() && !isLetterOrDigit(name.charAt(0))) {
			problems.add("all clouds: a bucket name starts with a letter or digit");
		}
		if (!name.isEmpty() && !isLetterOrDigit(name.charAt(name.length() - 1))) {
			problems.add("all clouds: a bucket name ends with a letter or digit");
		}
		if (name.contains("--")) {
			problems.add("Azure: a Blob container name has no consecutive hyphens");
		}
		if (name.contains("..")) {
			problems.add("AWS: an S3 bucket name has no two adjacent periods");
		}
		if (IP_ADDRESS.matcher(name).matches()) {
			problems.add("AWS and GCP: a bucket name is not formatted as an IP address");
		}
		for (String prefix : List.of("xn--", "sthree-", "amzn-s3-demo-")) {
			if (name.startsWith(prefix)) {
				problems.add("AWS: an S3 bucket name does not start with '" + prefix + "'");
			}
		}
		if (name.startsWith("goog")) {
			problems.add("GCP: a Cloud Storage bucket name does not start with 'goog'");
		}
		if (GOOGLE_LOOKALIKE.matcher(name).find()) {
			problems.add("GCP: a Cloud Storage bucket name does not contain 'google' or a close misspelling of it");
		}
		return List.copyOf(problems);
	}

	private static int firstIndexNotMatching(String name, String allowed) {
		for (int i = 0; i < name.length(); i++) {
			if (allowed.indexOf(name.charAt(i)) < 0) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

}
