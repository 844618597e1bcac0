package dev.nitric.spring.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.nitric.spring.storage.s3.S3BucketStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Writes generated content of a given size through a store and reads it back, in a JVM started with a small heap by
 * {@link LargeObjectStreamingTests}. Prints the SHA-256 of what was written and of what was read.
 */
public final class LargeObjectRoundTrip {

	private LargeObjectRoundTrip() {
	}

	/**
	 * Run one round trip.
	 * @param args {@code local <root> <size>} or {@code s3 <endpoint> <accessKey> <secretKey> <size>}
	 * @throws Exception if the round trip fails
	 */
	public static void main(String[] args) throws Exception {
		BucketStore store;
		long size;
		if (args[0].equals("local")) {
			store = new LocalBucketStore(Path.of(args[1]));
			size = Long.parseLong(args[2]);
		}
		else {
			StaticCredentialsProvider credentials = StaticCredentialsProvider
				.create(AwsBasicCredentials.create(args[2], args[3]));
			S3Client client = S3Client.builder()
				.endpointOverride(URI.create(args[1]))
				.region(Region.US_EAST_1)
				.forcePathStyle(true)
				.credentialsProvider(credentials)
				.build();
			client.createBucket((request) -> request.bucket("large"));
			store = new S3BucketStore(client, S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(credentials).build(),
					(logical) -> logical);
			size = Long.parseLong(args[4]);
		}
		MessageDigest written = MessageDigest.getInstance("SHA-256");
		store.write("large", "large.bin", new DigestInputStream(new GeneratedContent(size, 7), written), null);
		String read;
		try (InputStream in = store.read("large", "large.bin")) {
			read = GeneratedContent.sha256(in);
		}
		Runtime runtime = Runtime.getRuntime();
		System.out.println("maxHeap=" + runtime.maxMemory() + " size=" + store.metadata("large", "large.bin").size()
				+ " written=" + HexFormat.of().formatHex(written.digest()) + " read=" + read);
	}

}
