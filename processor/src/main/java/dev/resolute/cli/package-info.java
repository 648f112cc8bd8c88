/**
 * The product's command line (picocli): {@code run}, {@code ingest}, {@code probe}, {@code view},
 * {@code model fetch|inspect}, {@code redrive}, and the options they share; the workbench adds its
 * tools through {@link dev.resolute.cli.CommandProvider}. Every command answers {@code --help}.
 */
package dev.resolute.cli;
