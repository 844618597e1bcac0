/**
 * Buckets: the bucket client an application declares as a bean, the check of its declared verbs, and the storage
 * backends behind it. Imports nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.storage;

import org.jspecify.annotations.NullMarked;
