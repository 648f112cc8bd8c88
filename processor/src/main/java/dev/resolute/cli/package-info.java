/**
 * The product's command line (picocli): {@code run}, {@code ingest}, {@code probe}, {@code view},
 * {@code model fetch|inspect}, {@code redrive}, and the options they share; the workbench adds its
 * tools through {@link dev.resolute.cli.CommandProvider}. Every command answers {@code --help}.
 *
 * <p>Never depends on: {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.cli;
