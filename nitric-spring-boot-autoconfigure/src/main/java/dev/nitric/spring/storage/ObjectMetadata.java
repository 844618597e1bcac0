package dev.nitric.spring.storage;

import java.time.Instant;

/**
 * What a store knows about one object.
 *
 * @param key the object's key
 * @param size the size in bytes
 * @param contentType the media type it was written with (derived from the key's extension when none was given)
 * @param lastModified when it was last written
 */
public record ObjectMetadata(String key, long size, String contentType, Instant lastModified) {

}
