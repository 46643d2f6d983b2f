/**
 * Keyguard's Micrometer meters (docs/operations.md). Micrometer is an optional dependency: only
 * {@link dev.keyguard.internal.metrics.MetricsSupport} may be loaded without it, and it loads the
 * rest only when Micrometer is there.
 */
package dev.keyguard.internal.metrics;
