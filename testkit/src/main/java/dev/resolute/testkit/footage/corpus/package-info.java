/**
 * A corpus of small clips in the containers, codecs and pathologies that real footage arrives in,
 * each written from {@link dev.resolute.testkit.footage.SyntheticScene} frames so that its truth is known,
 * and an independent whole-file decode ({@link dev.resolute.testkit.footage.corpus.ReferenceDecode}) that
 * chunked ingest can be compared against.
 *
 * <p>Start at {@link dev.resolute.testkit.footage.corpus.FormatCorpus#writeAll(java.nio.file.Path)}.
 */
package dev.resolute.testkit.footage.corpus;
