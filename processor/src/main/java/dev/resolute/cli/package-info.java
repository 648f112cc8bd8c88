/** The command line (picocli): {@code demo}, {@code run}, {@code model fetch|inspect}; every command answers {@code --help}. */
package dev.resolute.cli;
