/**
 * Segmentation models as the processor sees them: descriptors and the checks that tie them to
 * their graphs, and the generated test model. Counting lives in {@code model.graph}, surgery in
 * {@code model.rewrite}, RegSeg in {@code model.regseg}, ISNet's fetch in {@code model.isnet}, the
 * cache in {@code model.store}.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.decode},
 *     {@code dev.resolute.inference}, {@code dev.resolute.ingest}, {@code dev.resolute.instance},
 *     {@code dev.resolute.mask}, {@code dev.resolute.metrics}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.regseg}, {@code dev.resolute.model.rewrite},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.profile},
 *     {@code dev.resolute.topology}, {@code dev.resolute.web}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.model;
