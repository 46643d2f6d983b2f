/**
 * Keyguard's benchmarks, compiled by every build and run only by hand (bench/run.sh): JMH
 * benchmarks here, the HTTP load runs in {@code http}, the counting JDBC driver in {@code db}, the
 * million-key data set and the cache's memory in {@code scale}, revocation across nodes in {@code
 * propagation}. Commands and results: BENCHMARKS.md.
 */
package dev.keyguard.bench;
