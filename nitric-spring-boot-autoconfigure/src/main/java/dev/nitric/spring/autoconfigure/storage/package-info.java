/**
 * Auto-configuration of bucket storage.
 */
@NullMarked
package dev.nitric.spring.autoconfigure.storage;

import org.jspecify.annotations.NullMarked;
