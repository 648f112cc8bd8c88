/**
 * {@code profile.json}: a model's per-level costs and quality, as the workbench's
 * {@code resolute profile} writes them, read back as the controller's starting costs.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.mask}, {@code dev.resolute.model.isnet},
 *     {@code dev.resolute.model.store}, {@code dev.resolute.pipeline}, {@code dev.resolute.topology},
 *     {@code dev.resolute.web}, {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.profile;
