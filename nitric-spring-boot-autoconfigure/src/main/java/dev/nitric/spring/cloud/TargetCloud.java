package dev.nitric.spring.cloud;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whose gateway and IAM semantics an application follows ({@code nitric.cloud}).
 */
public enum TargetCloud {

	/** Accept only what every cloud accepts, and say which cloud rejects and why. */
	PORTABLE(EnumSet.allOf(Cloud.class)),

	/** Amazon Web Services. */
	AWS(EnumSet.of(Cloud.AWS)),

	/** Google Cloud. */
	GCP(EnumSet.of(Cloud.GCP)),

	/** Microsoft Azure. */
	AZURE(EnumSet.of(Cloud.AZURE));

	private final Set<Cloud> clouds;

	TargetCloud(Set<Cloud> clouds) {
		this.clouds = clouds;
	}

	/**
	 * The clouds whose rules apply.
	 * @return the clouds, all three for {@link #PORTABLE}
	 */
	public Set<Cloud> clouds() {
		return EnumSet.copyOf(this.clouds);
	}

}
