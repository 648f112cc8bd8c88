/**
 * Generated footage with known per-pixel labels: what tests and the default demo run on, so that
 * every machine has a source and every mask can be scored against the truth.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.broker}, {@code dev.resolute.testkit.footage.corpus},
 *     {@code dev.resolute.testkit.kafka}, {@code dev.resolute.testkit.traffic}, {@code dev.resolute.app},
 *     {@code dev.resolute.cli}, {@code dev.resolute.config}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.http}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.instance}, {@code dev.resolute.mask},
 *     {@code dev.resolute.metrics}, {@code dev.resolute.model..}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.workbench..}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.testkit.footage;
