package dev.nitric.spring.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pseudo-random content of any length, generated as it is read and never held in memory, and its digest.
 */
public final class GeneratedContent extends InputStream {

	private long remaining;

	private long state;

	private long word;

	private int wordBytes;

	/**
	 * Create content.
	 * @param size its length in bytes
	 * @param seed the seed: equal seeds and sizes give equal content
	 */
	public GeneratedContent(long size, long seed) {
		this.remaining = size;
		this.state = seed ^ 0x9E3779B97F4A7C15L;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (this.remaining == 0) {
			return -1;
		}
		int count = (int) Math.min(length, this.remaining);
		for (int i = 0; i < count; i++) {
			if (this.wordBytes == 0) {
				this.state ^= this.state << 13;
				this.state ^= this.state >>> 7;
				this.state ^= this.state << 17;
				this.word = this.state;
				this.wordBytes = 8;
			}
			buffer[offset + i] = (byte) this.word;
			this.word >>>= 8;
			this.wordBytes--;
		}
		this.remaining -= count;
		return count;
	}

	/**
	 * Return the SHA-256 of generated content.
	 * @param size its length
	 * @param seed its seed
	 * @return the digest, in hex
	 */
	public static String sha256(long size, long seed) {
		try {
			return sha256(new GeneratedContent(size, seed));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Read a stream to its end and return its SHA-256; the stream is closed.
	 * @param in the stream
	 * @return the digest, in hex
	 * @throws IOException if the stream fails
	 */
	public static String sha256(InputStream in) throws IOException {
		try (in) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
