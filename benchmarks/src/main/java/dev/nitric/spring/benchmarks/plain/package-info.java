/**
 * A plain Spring Security resource server serving the demo's planets, the baseline of {@code load.sh}.
 */
package dev.nitric.spring.benchmarks.plain;
