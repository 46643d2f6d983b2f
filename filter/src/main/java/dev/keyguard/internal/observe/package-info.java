/**
 * What Keyguard decided, as a stream for the things that watch it: metrics and the security log.
 * See {@link dev.keyguard.internal.observe.Observer}.
 */
package dev.keyguard.internal.observe;
