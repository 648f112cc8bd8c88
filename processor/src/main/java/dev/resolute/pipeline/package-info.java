/**
 * The per-chunk work of the processor, independent of Kafka: decode, prepare, infer, upsample,
 * encode, with each step timed for the cost record. {@link dev.resolute.pipeline.FramePath} is the
 * per-batch part, public so that the workbench's bench and profile time this path itself.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.topology},
 *     {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.pipeline;
