/**
 * Avro records that travel on Resolute's topics. The classes are generated from {@code src/main/avro};
 * {@code history/} holds every released version of each schema so that readers resolve old writers.
 *
 * <p>Never depends on: {@code dev.resolute.schemas.time}, {@code dev.resolute.schemas.topic},
 *     {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.config},
 *     {@code dev.resolute.control}, {@code dev.resolute.decode}, {@code dev.resolute.http},
 *     {@code dev.resolute.inference}, {@code dev.resolute.ingest}, {@code dev.resolute.instance},
 *     {@code dev.resolute.mask}, {@code dev.resolute.metrics}, {@code dev.resolute.model..},
 *     {@code dev.resolute.pipeline}, {@code dev.resolute.profile}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.topology}, {@code dev.resolute.web}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.schemas;
