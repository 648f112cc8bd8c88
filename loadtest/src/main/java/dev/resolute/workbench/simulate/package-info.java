/**
 * {@code resolute simulate}: the processor's own controller driven on a virtual clock by simulated
 * cameras and costs, to see its decisions without video, Kafka or a model.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.bench}, {@code dev.resolute.workbench.chaos},
 *     {@code dev.resolute.workbench.cli}, {@code dev.resolute.workbench.demo},
 *     {@code dev.resolute.workbench.loadtest}, {@code dev.resolute.workbench.profile},
 *     {@code dev.resolute.workbench.rig}, {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.simulate;
