package dev.nitric.spring.deployer.synth;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Terraform templates: files rendered by {@code templatefile()} and expressions inside {@code main.tf.json} strings.
 *
 * @see <a href="https://developer.hashicorp.com/terraform/language/functions/templatefile">templatefile function</a>
 * @see <a href="https://developer.hashicorp.com/terraform/language/syntax/json">JSON configuration syntax</a>
 */
final class Templates {

	/** Stands for the backend URL variable while a document is built; see {@link #render(String)}. */
	static final String BACKEND_URL = "@@nitric:backend_url@@";

	private Templates() {
	}

	/**
	 * Make a document a template: every literal {@code ${} and {@code %{} escaped, then the placeholders
	 * ({@link #BACKEND_URL}, {@link #variable(String)}) turned into template interpolations.
	 * @param document the document
	 * @return the template
	 */
	static String render(String document) {
		return document.replace("${", "$${")
			.replace("%{", "%%{")
			.replace(BACKEND_URL, "${backend_url}")
			.replaceAll("@@nitric:var:([A-Za-z_][A-Za-z0-9_-]*)@@", "\\${$1}");
	}

	/**
	 * A placeholder for a template variable.
	 * @param name the variable's name
	 * @return the placeholder
	 */
	static String variable(String name) {
		return "@@nitric:var:" + name + "@@";
	}

	/**
	 * A {@code templatefile()} call as a Terraform JSON string expression.
	 * @param file the template, relative to the module
	 * @param variables variable name → Terraform expression
	 * @return the expression
	 */
	static String templatefile(String file, Map<String, String> variables) {
		return "${" + templatefileCall(file, variables) + "}";
	}

	/**
	 * A {@code templatefile()} call, to nest in another expression.
	 * @param file the template, relative to the module
	 * @param variables variable name → Terraform expression
	 * @return the call
	 */
	static String templatefileCall(String file, Map<String, String> variables) {
		String map = variables.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " = " + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
		return "templatefile(\"${path.module}/" + file + "\", " + map + ")";
	}

	/**
	 * A list of Terraform expressions as one expression.
	 * @param expressions the expressions
	 * @return {@code [a, b]}
	 */
	static String list(List<String> expressions) {
		return expressions.stream().collect(Collectors.joining(", ", "[", "]"));
	}

}
