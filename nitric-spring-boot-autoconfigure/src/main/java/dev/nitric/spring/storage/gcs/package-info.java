/**
 * The Google Cloud Storage bucket backend. Imports its SDK, nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.storage.gcs;

import org.jspecify.annotations.NullMarked;
