/** Masks: logits back to the camera's size, label maps, PNG encoding and overlays for people. */
package dev.resolute.mask;
