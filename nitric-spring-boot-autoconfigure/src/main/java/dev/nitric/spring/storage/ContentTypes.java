package dev.nitric.spring.storage;

import java.net.FileNameMap;
import java.net.URLConnection;

import org.jspecify.annotations.Nullable;

/**
 * The media type an object is written with when the caller gives none: derived from the key's extension, as the
 * clouds' consoles and CLIs do, else {@value #DEFAULT}.
 */
public final class ContentTypes {

	/** The media type of bytes of unknown kind. */
	public static final String DEFAULT = "application/octet-stream";

	private static final FileNameMap FILE_NAME_MAP = URLConnection.getFileNameMap();

	private ContentTypes() {
	}

	/**
	 * Return the given media type, or the one derived from the key.
	 * @param key the object's key
	 * @param contentType the media type the caller gave, or {@code null}
	 * @return the media type to store
	 */
	public static String orDerived(String key, @Nullable String contentType) {
		if (contentType != null && !contentType.isBlank()) {
			return contentType;
		}
		String derived = FILE_NAME_MAP.getContentTypeFor(key.substring(key.lastIndexOf('/') + 1));
		return (derived != null) ? derived : DEFAULT;
	}

}
