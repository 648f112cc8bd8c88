/**
 * The small HTTP servers the process runs beside its work ({@code /metrics}, the live viewer):
 * bound to an address the operator chose, on a bounded pool, with a time limit on reading a request.
 *
 * <p>Never depends on: {@code dev.resolute.app}, {@code dev.resolute.cli}, {@code dev.resolute.control},
 *     {@code dev.resolute.decode}, {@code dev.resolute.inference}, {@code dev.resolute.ingest},
 *     {@code dev.resolute.instance}, {@code dev.resolute.mask}, {@code dev.resolute.metrics},
 *     {@code dev.resolute.model}, {@code dev.resolute.model.isnet}, {@code dev.resolute.model.regseg},
 *     {@code dev.resolute.model.rewrite}, {@code dev.resolute.model.store}, {@code dev.resolute.pipeline},
 *     {@code dev.resolute.profile}, {@code dev.resolute.topology}, {@code dev.resolute.web},
 *     {@code dev.resolute.testkit..}, {@code dev.resolute.workbench..}.
 */
package dev.resolute.http;
