/**
 * Decode: turns a chunk's encoded bytes back into frames, all or nothing.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.mask}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.topology},
 *     {@code dev.resolute.web}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.decode;
