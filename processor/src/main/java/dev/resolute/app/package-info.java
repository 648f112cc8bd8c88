/** Assembles the running processor from configuration, model and topology. */
package dev.resolute.app;
