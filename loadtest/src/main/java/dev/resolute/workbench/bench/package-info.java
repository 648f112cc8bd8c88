/** Benchmarks of the per-frame path at every resolution level, written as Markdown. */
package dev.resolute.workbench.bench;
