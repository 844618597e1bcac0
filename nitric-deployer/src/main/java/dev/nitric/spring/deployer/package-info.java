/**
 * Maven goals of the Nitric deployer (prefix {@code nitric}).
 */
@NullMarked
package dev.nitric.spring.deployer;

import org.jspecify.annotations.NullMarked;
