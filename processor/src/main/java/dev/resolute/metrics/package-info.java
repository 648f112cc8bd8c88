/**
 * Prometheus metrics: one Micrometer registry per process, its {@code /metrics} endpoint, and the
 * meters fed from what the processor publishes.
 */
package dev.resolute.metrics;
