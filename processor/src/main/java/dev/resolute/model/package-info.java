/**
 * Segmentation models: descriptors, the generated test model, and the graph cost counter that
 * gives every cost record its FLOPs and memory figures.
 */
package dev.resolute.model;
