/**
 * Segmentation models as the processor sees them: descriptors and the checks that tie them to
 * their graphs, the model store, and the models Resolute writes itself (the generated test model,
 * RegSeg, ISNet's fetch). Counting lives in {@code model.graph}, surgery in {@code model.rewrite}.
 */
package dev.resolute.model;
