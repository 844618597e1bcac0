package dev.nitric.spring.gateway;

/**
 * Thrown when a token cannot be parsed; carries the {@link JwtProblem}.
 */
public class InvalidJwtException extends RuntimeException {

	private final JwtProblem problem;

	/**
	 * Create an exception.
	 * @param problem the problem
	 */
	public InvalidJwtException(JwtProblem problem) {
		super(problem.message(), null, false, false);
		this.problem = problem;
	}

	/**
	 * The problem.
	 * @return the problem
	 */
	public JwtProblem getProblem() {
		return this.problem;
	}

}
