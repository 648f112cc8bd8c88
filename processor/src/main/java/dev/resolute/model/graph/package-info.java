/**
 * Reading ONNX graphs as tensors and arithmetic: shapes propagated node by node, FLOPs and
 * multiply-adds per operator, peak activation memory, parameter counts, input and output
 * signatures, and a small builder for the graphs Resolute writes itself.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.inference}, {@code dev.resolute.ingest},
 *     {@code dev.resolute.instance}, {@code dev.resolute.mask}, {@code dev.resolute.metrics},
 *     {@code dev.resolute.model}, {@code dev.resolute.model.isnet}, {@code dev.resolute.model.regseg},
 *     {@code dev.resolute.model.rewrite}, {@code dev.resolute.model.store}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.model.graph;
