/**
 * Ingest: reads video sources with FFmpeg (JavaCV) and cuts them into keyframe-aligned
 * {@link dev.resolute.schemas.VideoChunk}s that each decode on their own.
 */
package dev.resolute.ingest;
