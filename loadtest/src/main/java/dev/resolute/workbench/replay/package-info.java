/**
 * {@code resolute replay}: plays recorded chunks back with their original spacing divided by a
 * speed, as one or many cameras, byte for byte at full speed.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.bench}, {@code dev.resolute.workbench.chaos},
 *     {@code dev.resolute.workbench.cli}, {@code dev.resolute.workbench.demo},
 *     {@code dev.resolute.workbench.loadtest}, {@code dev.resolute.workbench.profile},
 *     {@code dev.resolute.workbench.rig}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.replay;
