/**
 * {@code keyguard-cli.jar}, the operator's command line: {@link dev.keyguard.cli.KeyguardCli} reads
 * where the database is ({@link dev.keyguard.cli.DatabaseOptions}) and runs Keyguard's key commands
 * there, or asks the Keyguard that has the embedded database open. See docs/cli.md.
 */
package dev.keyguard.cli;
