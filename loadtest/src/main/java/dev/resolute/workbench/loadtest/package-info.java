/**
 * The load test: a source replayed as many cameras against a processor, with every cost record
 * turned into latency histograms, per-second series, memory samples and charts.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.cli}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.loadtest;
