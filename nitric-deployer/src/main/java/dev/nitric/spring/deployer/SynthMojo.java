package dev.nitric.spring.deployer;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes {@code target/nitric/<cloud>/} from the manifest, for {@code -Dnitric.cloud=aws|gcp|azure} (all three by
 * default): the gateway definition, the least-privilege IAM, a Terraform JSON stack ({@code main.tf.json}) and the
 * review page {@code permissions.md}. Each folder is written atomically: on failure nothing is half-written.
 */
@Mojo(name = "synth", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class SynthMojo extends AbstractSynthMojo {

	@Override
	public void execute() throws MojoFailureException {
		if (skip()) {
			getLog().info("Skipping nitric:synth (nitric.skip=true)");
			return;
		}
		synthesize();
	}

}
