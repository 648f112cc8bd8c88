/**
 * The small HTTP servers the process runs beside its work ({@code /metrics}, the live viewer):
 * bound to an address the operator chose, on a bounded pool, with a time limit on reading a request.
 */
package dev.resolute.http;
