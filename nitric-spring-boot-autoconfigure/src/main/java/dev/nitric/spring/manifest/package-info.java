/**
 * The manifest: every declaration of an application (APIs, routes and their effective security, buckets and their
 * verbs) in one versioned, deterministic JSON document, checked against the rules of every cloud. Imports nothing
 * from Spring, so that the deployer reads it with the same code.
 */
@NullMarked
package dev.nitric.spring.manifest;

import org.jspecify.annotations.NullMarked;
