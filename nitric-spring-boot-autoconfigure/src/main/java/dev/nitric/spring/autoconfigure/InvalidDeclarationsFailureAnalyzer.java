package dev.nitric.spring.autoconfigure;

import java.util.stream.Collectors;

import dev.nitric.spring.manifest.DeclarationProblem;
import dev.nitric.spring.manifest.InvalidDeclarationsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because declarations cannot be deployed: each problem with the bean or handler it
 * concerns, and each fix.
 */
final class InvalidDeclarationsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDeclarationsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDeclarationsException cause) {
		String description = "Nitric found " + cause.getProblems().size() + " declaration"
				+ ((cause.getProblems().size() == 1) ? "" : "s") + " that the clouds cannot deploy as written:\n\n"
				+ cause.getProblems()
					.stream()
					.map((problem) -> "  - " + problem.subject() + " " + problem.problem())
					.collect(Collectors.joining("\n"));
		String action = "Change the declarations:\n\n" + cause.getProblems()
			.stream()
			.map(DeclarationProblem::fix)
			.distinct()
			.map((fix) -> "  - " + fix)
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(description, action, cause);
	}

}
