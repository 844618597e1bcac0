/**
 * Collects the application's declarations into the manifest, serves it on the actuator and exports it at build
 * time.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.manifest;

import org.jspecify.annotations.NullMarked;
