/**
 * From the manifest to each cloud's gateway configuration, least-privilege IAM and Terraform stack: plain Java, no
 * Maven, so that the goals stay thin and everything here is tested without a build.
 */
@NullMarked
package dev.nitric.spring.deployer.synth;

import org.jspecify.annotations.NullMarked;
