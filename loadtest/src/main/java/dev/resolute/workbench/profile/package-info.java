/**
 * {@code resolute profile}: runs frames through every level and upsampling method with the
 * processor's own steps, and writes {@code profile.json}, its tables and the trade-off plot.
 *
 * <p>Never depends on: {@code dev.resolute.workbench.chaos}, {@code dev.resolute.workbench.cli},
 *     {@code dev.resolute.workbench.demo}, {@code dev.resolute.workbench.loadtest},
 *     {@code dev.resolute.testkit.architecture}.
 */
package dev.resolute.workbench.profile;
