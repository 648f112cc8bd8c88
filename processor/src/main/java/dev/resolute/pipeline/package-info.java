/**
 * The per-chunk work of the processor, independent of Kafka: decode, prepare, infer, upsample,
 * encode, with each step timed for the cost record.
 */
package dev.resolute.pipeline;
