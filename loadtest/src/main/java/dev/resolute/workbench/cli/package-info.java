/**
 * The workbench's commands (demo, broker, corpus, simulate, bench, profile, chaos, record, replay,
 * loadtest), added to {@code resolute} after the product's, and the generated command reference.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.cli;
