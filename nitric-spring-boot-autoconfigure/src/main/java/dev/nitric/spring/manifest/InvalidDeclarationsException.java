package dev.nitric.spring.manifest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an application's declarations cannot be deployed: every problem found is listed, not only the first.
 */
public class InvalidDeclarationsException extends RuntimeException {

	private final List<DeclarationProblem> problems;

	/**
	 * Create an exception for the given problems.
	 * @param problems the problems, at least one
	 */
	public InvalidDeclarationsException(List<DeclarationProblem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	private static String message(List<DeclarationProblem> problems) {
		return problems.size() + " invalid Nitric declaration" + ((problems.size() == 1) ? "" : "s") + ":\n"
				+ problems.stream().map((problem) -> "  - " + problem).collect(Collectors.joining("\n"));
	}

	/**
	 * The problems found.
	 * @return the problems, in the order found
	 */
	public List<DeclarationProblem> getProblems() {
		return this.problems;
	}

}
