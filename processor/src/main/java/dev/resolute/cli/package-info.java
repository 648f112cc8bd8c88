/** The command line (picocli): {@code demo}, {@code run}; every command answers {@code --help}. */
package dev.resolute.cli;
