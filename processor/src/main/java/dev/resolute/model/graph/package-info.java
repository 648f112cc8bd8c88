/**
 * Reading ONNX graphs as tensors and arithmetic: shapes propagated node by node, FLOPs and
 * multiply-adds per operator, peak activation memory, parameter counts, input and output
 * signatures, and a small builder for the graphs Resolute writes itself.
 */
package dev.resolute.model.graph;
