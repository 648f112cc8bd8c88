/**
 * Kafka serdes for the Avro records, in Avro's single-object encoding (fingerprint + body).
 *
 * <p>Never depends on: {@code dev.resolute.schemas.time}, {@code dev.resolute.schemas.topic},
 *     {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.config},
 *     {@code dev.resolute.control}, {@code dev.resolute.decode}, {@code dev.resolute.http},
 *     {@code dev.resolute.inference}, {@code dev.resolute.ingest}, {@code dev.resolute.instance},
 *     {@code dev.resolute.mask}, {@code dev.resolute.metrics}, {@code dev.resolute.model..},
 *     {@code dev.resolute.pipeline}, {@code dev.resolute.profile}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.topology}, {@code dev.resolute.web}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.schemas.serde;
