/**
 * The resolution controller: per camera, the level and frame stride of every chunk, chosen from lag,
 * arrival rate and the measured cost and quality of each level. The workbench's simulator drives
 * the same loop on a virtual clock.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.decode},
 *     {@code dev.resolute.inference}, {@code dev.resolute.ingest}, {@code dev.resolute.instance},
 *     {@code dev.resolute.mask}, {@code dev.resolute.metrics}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.regseg}, {@code dev.resolute.model.rewrite},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.profile},
 *     {@code dev.resolute.topology}, {@code dev.resolute.web}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.control;
