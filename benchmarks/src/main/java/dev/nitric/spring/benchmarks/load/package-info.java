/**
 * What {@code load.sh} adds to the demo: the demo's secured route, public.
 */
@NullMarked
package dev.nitric.spring.benchmarks.load;

import org.jspecify.annotations.NullMarked;
