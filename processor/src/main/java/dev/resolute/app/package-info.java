/**
 * Assembles the running processor from its configuration ({@link dev.resolute.app.ProcessorConfig}),
 * model and topology, and binds its meters.
 *
 * <p>Never depends on: {@code dev.resolute.cli}, {@code dev.resolute.testkit..},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.app;
