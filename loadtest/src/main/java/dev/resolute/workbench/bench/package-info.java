/**
 * Benchmarks of the per-frame path at every resolution level, written as Markdown.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.chaos}, {@code dev.resolute.workbench.cli},
 *     {@code dev.resolute.workbench.demo}, {@code dev.resolute.workbench.loadtest},
 *     {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.bench;
