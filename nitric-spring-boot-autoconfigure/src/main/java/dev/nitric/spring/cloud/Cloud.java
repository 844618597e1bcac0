package dev.nitric.spring.cloud;

/**
 * The clouds an application can be deployed to.
 */
public enum Cloud {

	/** Amazon Web Services: API Gateway HTTP APIs, S3, IAM. */
	AWS("AWS"),

	/** Google Cloud: API Gateway (ESPv2), Cloud Storage, IAM. */
	GCP("GCP"),

	/** Microsoft Azure: API Management, Blob Storage, RBAC. */
	AZURE("Azure");

	private final String displayName;

	Cloud(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * The cloud's name as written in messages.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

}
