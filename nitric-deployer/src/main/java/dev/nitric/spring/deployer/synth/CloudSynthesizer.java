package dev.nitric.spring.deployer.synth;

import java.util.SortedMap;

import dev.nitric.spring.cloud.Cloud;

/**
 * Turns a checked manifest into one cloud's files.
 */
interface CloudSynthesizer {

	/**
	 * The cloud this synthesiser writes for.
	 * @return the cloud
	 */
	Cloud cloud();

	/**
	 * Produce the files, in memory.
	 * @param stack the checked manifest
	 * @return path relative to the cloud's folder (with {@code /}) → content
	 */
	SortedMap<String, String> files(Stack stack);

}
