/**
 * The Amazon S3 bucket backend. Imports its SDK, nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.storage.s3;

import org.jspecify.annotations.NullMarked;
