/**
 * The real Kafka broker an integration test runs against: a container of the Kafka image built
 * here, or the embedded KRaft broker in a child JVM; nothing is ever pulled.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.config},
 *     {@code dev.resolute.control}, {@code dev.resolute.decode}, {@code dev.resolute.http},
 *     {@code dev.resolute.inference}, {@code dev.resolute.ingest}, {@code dev.resolute.instance},
 *     {@code dev.resolute.mask}, {@code dev.resolute.metrics}, {@code dev.resolute.model..},
 *     {@code dev.resolute.pipeline}, {@code dev.resolute.profile}, {@code dev.resolute.topology},
 *     {@code dev.resolute.web}, {@code dev.resolute.workbench..}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.testkit.kafka;
