/**
 * The programming model: how an application declares the APIs, security definitions and routes it serves.
 * Imports nothing from Spring, so that the deployer reads the same types.
 */
@NullMarked
package dev.nitric.spring.model;

import org.jspecify.annotations.NullMarked;
