/** JMH benchmarks of the filter's hot path; built only with the {@code bench} Maven profile. */
package dev.keyguard.bench;
