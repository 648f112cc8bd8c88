/**
 * The Kafka Streams topology: the creation of the topics ({@code schemas.topic} names them), and
 * the processor that turns chunks into masks and cost records with exactly-once semantics.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.topology;
