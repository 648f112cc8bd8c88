/**
 * Fault injection against a running processor: kills it and the broker at random moments, mixes
 * hostile records in with good chunks, and counts what read_committed readers see, frame by frame.
 * Behind {@code resolute chaos} and the crash and hostile-record integration tests.
 */
package dev.resolute.chaos;
