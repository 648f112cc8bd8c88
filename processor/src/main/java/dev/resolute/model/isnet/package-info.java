/**
 * ISNet, the default pretrained model: fetched once with the machine's npm from IMG.LY's data
 * package, joined from its chunks, rewritten to run at any input size, verified against the
 * shipped graph, and cached in the model store. The weights are never part of this repository.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.mask},
 *     {@code dev.resolute.pipeline}, {@code dev.resolute.topology}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.model.isnet;
