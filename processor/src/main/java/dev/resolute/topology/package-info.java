/**
 * The Kafka Streams topology: topics, their creation, and the processor that turns chunks into
 * masks and cost records with exactly-once semantics.
 */
package dev.resolute.topology;
