/**
 * The paper's trade-off table for any model on any footage: per resolution level, the inference
 * size, graph-counted cost, measured time per step and quality ({@code resolute profile}), written
 * as {@code profile.json} that the processor reads back as its controller's starting costs.
 */
package dev.resolute.profile;
