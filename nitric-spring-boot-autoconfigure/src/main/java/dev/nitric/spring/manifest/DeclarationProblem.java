package dev.nitric.spring.manifest;

/**
 * One declaration that no cloud, or not every cloud, can deploy as written.
 *
 * @param subject what is wrong (a bean, a handler, a property), as the user would find it
 * @param problem what is wrong with it
 * @param fix what to change
 */
public record DeclarationProblem(String subject, String problem, String fix) {

	@Override
	public String toString() {
		return this.subject + ": " + this.problem + " (" + this.fix + ")";
	}

}
