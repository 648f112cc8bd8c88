/**
 * Replay of recorded traffic and load generation with reports ({@code record}, {@code replay},
 * {@code loadtest}). Empty until those commands land; the module exists so that they build against
 * the processor from the start.
 */
package dev.resolute.loadtest;
