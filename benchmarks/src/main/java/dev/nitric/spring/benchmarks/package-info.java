/**
 * JMH benchmarks of the bucket stores.
 */
package dev.nitric.spring.benchmarks;
