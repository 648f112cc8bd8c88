/**
 * The workbench: the tools around the product, each a {@code resolute} command that the
 * processor's command line finds through {@link dev.resolute.cli.CommandProvider} (demo, broker,
 * corpus, simulate, bench, profile, chaos, record, replay, loadtest). Its jar is what
 * {@code ./resolute} and the images run.
 */
package dev.resolute.workbench;
