/**
 * Benchmarks of the gateway emulation: JMH validation of one request ({@link GatewayValidationBenchmark}) against
 * Spring Security's {@code NimbusJwtDecoder} and Nimbus' {@code DefaultJWTProcessor}. See the module's README.
 */
package dev.nitric.spring.benchmarks.gateway;
