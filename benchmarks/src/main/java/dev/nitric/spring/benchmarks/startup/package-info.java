/**
 * Start-up probe: CPU time of the demo's start-up, per start-up step.
 */
package dev.nitric.spring.benchmarks.startup;
