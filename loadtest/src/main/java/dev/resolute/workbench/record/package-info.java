/**
 * {@code resolute record}: reads chunk traffic from the chunk topic into an Avro container file,
 * every field as it was, so that a replay can reproduce both the bytes and the timing.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.bench}, {@code dev.resolute.workbench.chaos},
 *     {@code dev.resolute.workbench.cli}, {@code dev.resolute.workbench.demo},
 *     {@code dev.resolute.workbench.loadtest}, {@code dev.resolute.workbench.profile},
 *     {@code dev.resolute.workbench.rig}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.record;
