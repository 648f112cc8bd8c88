/**
 * Generated footage with known per-pixel labels: what tests and the default demo run on, so that
 * every machine has a source and every mask can be scored against the truth.
 */
package dev.resolute.testkit.footage;
