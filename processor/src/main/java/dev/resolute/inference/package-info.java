/**
 * Inference: loads ONNX models into DJL's ONNX Runtime engine and turns frames into the network's
 * input tensor. Native model memory has one owner ({@link dev.resolute.inference.OnnxModel}).
 */
package dev.resolute.inference;
