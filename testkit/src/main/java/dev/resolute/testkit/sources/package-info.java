/**
 * Live video sources for integration tests (RTSP, HLS, MJPEG over HTTP): Python/GStreamer
 * servers on loopback, started and stopped around a test.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.broker}, {@code dev.resolute.testkit.footage.corpus},
 *     {@code dev.resolute.testkit.kafka}, {@code dev.resolute.testkit.traffic}, {@code dev.resolute.app},
 *     {@code dev.resolute.cli}, {@code dev.resolute.config}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.http}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.instance}, {@code dev.resolute.mask},
 *     {@code dev.resolute.metrics}, {@code dev.resolute.model..}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.workbench..}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.testkit.sources;
