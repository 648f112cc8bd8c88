/**
 * {@code profile.json}: a model's per-level costs and quality, as the workbench's
 * {@code resolute profile} writes them, read back as the controller's starting costs.
 */
package dev.resolute.profile;
