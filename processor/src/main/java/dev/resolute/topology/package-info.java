/**
 * The Kafka Streams topology: the creation of the topics ({@code schemas.topic} names them), and
 * the processor that turns chunks into masks and cost records with exactly-once semantics.
 */
package dev.resolute.topology;
