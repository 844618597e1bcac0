/**
 * What each cloud allows and requires: naming rules and the permissions behind each declared verb. Shared by the
 * local emulation and the deployer, so that what runs locally is what is deployed. Imports nothing from Spring.
 */
@NullMarked
package dev.nitric.spring.cloud;

import org.jspecify.annotations.NullMarked;
