/**
 * The operator's command line on Keyguard's keys: the commands ({@link
 * dev.keyguard.internal.local.KeyCommands}: create-key, list, revoke, rotate), and how they reach a
 * Keyguard that has the embedded database open ({@link
 * dev.keyguard.internal.local.LocalCommandSocket}). {@code keyguard-cli.jar} and the demo's {@code
 * create-key} run the commands; every Keyguard on the embedded database serves them.
 */
package dev.keyguard.internal.local;
