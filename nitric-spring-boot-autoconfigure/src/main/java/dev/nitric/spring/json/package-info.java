/**
 * Strict JSON reading shared by the manifest and the gateway emulation. Imports nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.json;

import org.jspecify.annotations.NullMarked;
