package dev.nitric.spring.deployer.synth;

import java.io.Serial;

/**
 * The manifest cannot be turned into a cloud's configuration; the message says what to change.
 */
public class SynthesisException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong and what to change
	 */
	public SynthesisException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is wrong and what to change
	 * @param cause the cause
	 */
	public SynthesisException(String message, Throwable cause) {
		super(message, cause);
	}

}
