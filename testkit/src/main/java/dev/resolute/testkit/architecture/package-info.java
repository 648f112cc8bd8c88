/**
 * The package rules every module's tests check: no package cycles (in the bytecode through
 * ArchUnit, and in the sources, where constants leave no trace in bytecode), and a
 * {@code package-info.java} for every package whose "Never depends on" line is then checked.
 *
 * <p>Never depends on: {@code dev.resolute.testkit.broker}, {@code dev.resolute.testkit.footage.corpus},
 *     {@code dev.resolute.testkit.kafka}, {@code dev.resolute.testkit.traffic}, {@code dev.resolute.app},
 *     {@code dev.resolute.cli}, {@code dev.resolute.config}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.http}, {@code dev.resolute.inference},
 *     {@code dev.resolute.ingest}, {@code dev.resolute.instance}, {@code dev.resolute.mask},
 *     {@code dev.resolute.metrics}, {@code dev.resolute.model..}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.workbench..}.
 */
package dev.resolute.testkit.architecture;
