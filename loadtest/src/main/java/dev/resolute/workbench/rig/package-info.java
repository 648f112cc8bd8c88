/**
 * What the workbench's runs share: whether a run that went to the end did its job.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.bench}, {@code dev.resolute.workbench.chaos},
 *     {@code dev.resolute.workbench.cli}, {@code dev.resolute.workbench.demo},
 *     {@code dev.resolute.workbench.loadtest}, {@code dev.resolute.workbench.profile},
 *     {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.rig;
