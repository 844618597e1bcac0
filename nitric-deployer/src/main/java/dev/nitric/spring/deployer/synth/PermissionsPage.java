package dev.nitric.spring.deployer.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nitric.spring.cloud.Cloud;

/**
 * Writes {@code permissions.md}: the review page of what each service may do on each resource, with every place where
 * the cloud forces more than the verb, and every wildcard with its reason.
 */
final class PermissionsPage {

	private final Cloud cloud;

	private final String identity;

	private final List<String> rows = new ArrayList<>();

	private final Map<String, String> beyondVerb = new LinkedHashMap<>();

	private final Map<String, String> wildcards = new LinkedHashMap<>();

	private final List<String> gatewayNotes = new ArrayList<>();

	PermissionsPage(Cloud cloud, String identity) {
		this.cloud = cloud;
		this.identity = identity;
	}

	/**
	 * Add one row.
	 * @param service the service
	 * @param resource the resource (e.g. {@code bucket secureBucket})
	 * @param verbs the declared verbs
	 * @param permissions the cloud permissions, comma-separated, in back-quotes
	 * @param grantedOn where they are granted
	 */
	void row(String service, String resource, String verbs, String permissions, String grantedOn) {
		this.rows.add("| " + service + " | " + resource + " | " + verbs + " | " + permissions + " | " + grantedOn + " |");
	}

	void beyondVerb(String permission, String reason) {
		this.beyondVerb.putIfAbsent(permission, reason);
	}

	void wildcard(String value, String reason) {
		this.wildcards.putIfAbsent(value, reason);
	}

	void gatewayNote(String note) {
		this.gatewayNotes.add(note);
	}

	String write() {
		StringBuilder out = new StringBuilder();
		out.append("# Permissions on ").append(this.cloud.displayName()).append("\n\n");
		out.append("Written by `nitric:synth` from `target/nitric/manifest.json`: review it before `terraform apply`. ")
			.append("Each service runs as ").append(this.identity).append(".\n\n");
		out.append("| service | resource | verbs | permissions | granted on |\n");
		out.append("|---|---|---|---|---|\n");
		if (this.rows.isEmpty()) {
			out.append("| | (no resource) | | | |\n");
		}
		this.rows.forEach((row) -> out.append(row).append('\n'));
		out.append("\n## Where ").append(this.cloud.displayName()).append(" needs more than the verb\n\n");
		if (this.beyondVerb.isEmpty()) {
			out.append("Nowhere: every permission grants exactly what its verb needs.\n");
		}
		this.beyondVerb.forEach((permission, reason) -> out.append("- `").append(permission).append("`: ")
			.append(reason).append('\n'));
		out.append("\n## Wildcards\n\n");
		if (this.wildcards.isEmpty()) {
			out.append("None: no action or resource contains `*`.\n");
		}
		else {
			out.append("| value | reason |\n|---|---|\n");
			this.wildcards.forEach((value, reason) -> out.append("| `").append(value).append("` | ").append(reason)
				.append(" |\n"));
		}
		out.append("\n## Gateway\n\n");
		this.gatewayNotes.forEach((note) -> out.append("- ").append(note).append('\n'));
		return out.toString();
	}

}
