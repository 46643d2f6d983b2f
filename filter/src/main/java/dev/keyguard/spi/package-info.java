/**
 * Keyguard's service-provider interface: what a host implements to change how Keyguard works,
 * rather than what it calls. Today that is the {@link dev.keyguard.spi.KeyStore}, where keys and
 * their events live; Keyguard's own implementations are the Hibernate store (the default, on the
 * host's database) and {@link dev.keyguard.spi.InMemoryKeyStore}. Both pass the same contract
 * suite, which a host's own store should pass too.
 */
package dev.keyguard.spi;
