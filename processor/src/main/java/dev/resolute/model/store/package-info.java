/**
 * Where models live on this machine: the user's model cache, one folder per model, and the
 * generated models written into it on first use.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.mask}, {@code dev.resolute.model.isnet}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.topology}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.model.store;
