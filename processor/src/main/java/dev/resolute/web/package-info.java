/**
 * The live viewer: a page that lists the cameras and shows, for each, its latest frame with its
 * mask blended in and sparklines of level, stride, lag and latency, updated by server-sent events.
 * It reads the topics as any consumer would (read_committed: chunks for the frames, masks, cost
 * records), so it runs beside a processor, inside the demo, or on its own ({@code resolute view}).
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.mask}, {@code dev.resolute.model.isnet}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.topology}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.web;
