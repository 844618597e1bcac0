/**
 * The Azure Blob Storage bucket backend. Imports its SDK, nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.storage.azure;

import org.jspecify.annotations.NullMarked;
