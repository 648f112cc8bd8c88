/**
 * Masks: logits back to the camera's size, label maps, PNG encoding.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.topology}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.mask;
