/**
 * Keyguard's benchmarks, built only with the {@code bench} Maven profile: JMH benchmarks here, the
 * HTTP load runs in {@code http}, the counting JDBC driver in {@code db}, the million-key data set
 * and the cache's memory in {@code scale}. Commands and results: BENCHMARKS.md.
 */
package dev.keyguard.bench;
