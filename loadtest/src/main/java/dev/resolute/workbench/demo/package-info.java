/**
 * The demo end to end: a broker, the processor, one source (a file or a live camera) ingested
 * while it runs, the outputs collected and summarised, and masks drawn over frames.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.cli}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.demo;
