/**
 * RegSeg, the Cityscapes segmentation network Resolute writes itself as an ONNX graph: its graph,
 * its normalisation, its 19 classes and the paper's ladder of sizes.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.mask}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.topology},
 *     {@code dev.resolute.web}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.model.regseg;
