/**
 * Inference: loads ONNX models into DJL's ONNX Runtime engine and turns frames into the network's
 * input tensor. Native model memory has one owner ({@link dev.resolute.inference.OnnxModel}).
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.mask},
 *     {@code dev.resolute.pipeline}, {@code dev.resolute.topology}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.inference;
