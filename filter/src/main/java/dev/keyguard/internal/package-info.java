/**
 * Keyguard's internals: public only so that its own packages can reach each other; no host may
 * depend on any type under {@code dev.keyguard.internal}, which change without notice. The API is
 * {@code dev.keyguard} and {@code dev.keyguard.spi} (see docs/api.md).
 */
package dev.keyguard.internal;
