/**
 * Segmentation models: descriptors and the checks that tie them to their graphs, the generated
 * test model, the model store, graph surgery (pruning, Resize rewriting, symbolic sizes) and the
 * graph cost counter that gives every cost record its FLOPs and memory figures.
 */
package dev.resolute.model;
