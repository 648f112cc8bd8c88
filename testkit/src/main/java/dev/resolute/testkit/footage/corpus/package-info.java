/**
 * A corpus of small clips in the containers, codecs and pathologies that real footage arrives in,
 * each written from {@link dev.resolute.testkit.footage.SyntheticScene} frames so that its truth is known,
 * and an independent whole-file decode ({@link dev.resolute.testkit.footage.corpus.ReferenceDecode}) that
 * chunked ingest can be compared against.
 *
 * <p>Start at {@link dev.resolute.testkit.footage.corpus.FormatCorpus#writeAll(java.nio.file.Path)}.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.broker}, {@code dev.resolute.testkit.kafka},
 *     {@code dev.resolute.testkit.traffic}, {@code dev.resolute.app}, {@code dev.resolute.cli},
 *     {@code dev.resolute.config}, {@code dev.resolute.control}, {@code dev.resolute.decode},
 *     {@code dev.resolute.http}, {@code dev.resolute.inference}, {@code dev.resolute.ingest},
 *     {@code dev.resolute.instance}, {@code dev.resolute.mask}, {@code dev.resolute.metrics},
 *     {@code dev.resolute.model..}, {@code dev.resolute.pipeline}, {@code dev.resolute.profile},
 *     {@code dev.resolute.topology}, {@code dev.resolute.web}, {@code dev.resolute.workbench..},
 *     {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.testkit.footage.corpus;
