/** Masks: logits back to the camera's size, label maps, PNG encoding. */
package dev.resolute.mask;
