/**
 * Keyguard's meters for a Micrometer registry the host chooses ({@link
 * dev.keyguard.micrometer.KeyguardMetrics}). Needs Micrometer on the class path; the rest of
 * Keyguard does not.
 */
package dev.keyguard.micrometer;
