/**
 * Graph surgery that makes an exported network serve the ladder: Resizes that follow tensor
 * shapes instead of traced constants, unused outputs pruned, batch, height and width made symbolic.
 */
package dev.resolute.model.rewrite;
