/**
 * Kafka brokers that Resolute starts itself: a real KRaft broker in a child JVM on loopback, used by
 * the demo and by integration tests where no broker is given.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.kafka}, {@code dev.resolute.app},
 *     {@code dev.resolute.cli}, {@code dev.resolute.config}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.http}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.instance}, {@code dev.resolute.mask},
 *     {@code dev.resolute.metrics}, {@code dev.resolute.model..}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.workbench..}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.testkit.broker;
