/**
 * Prometheus metrics: one Micrometer registry per process, its {@code /metrics} endpoint, and the
 * meters fed from what the processor publishes, dead-letter accounting included.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.mask}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.topology},
 *     {@code dev.resolute.web}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.metrics;
