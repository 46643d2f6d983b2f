/**
 * Following the key-event log: how a change made on one node reaches the verification cache of
 * every other node sharing the database. {@link dev.keyguard.internal.events.KeyEventFollower} is
 * the follower each {@link dev.keyguard.Keyguard} runs; the rest is internal.
 */
package dev.keyguard.internal.events;
