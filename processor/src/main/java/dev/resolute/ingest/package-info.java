/**
 * Ingest: reads video sources with FFmpeg (JavaCV) and cuts them into keyframe-aligned
 * {@link dev.resolute.schemas.VideoChunk}s that each decode on their own.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.mask}, {@code dev.resolute.model.isnet}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.topology}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.ingest;
