/**
 * Fault injection against a running processor: kills it and the broker at random moments, mixes
 * hostile records in with good chunks, runs another application's long transactions beside it,
 * SIGTERMs it while the broker is down, and counts what read_committed readers see, frame by
 * frame; each attack ({@link dev.resolute.workbench.chaos.HostileKind}) gets a verdict of its own.
 * Behind {@code resolute chaos} and the crash and hostile-record integration tests.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.cli}, {@code dev.resolute.workbench.demo},
 *     {@code dev.resolute.workbench.loadtest}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.chaos;
