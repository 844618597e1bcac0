/**
 * Auto-configuration for Nitric: configuration properties, start-up failure analysis.
 */
@NullMarked
package dev.nitric.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
