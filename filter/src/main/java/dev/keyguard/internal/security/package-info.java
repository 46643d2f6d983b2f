/**
 * The security log: Keyguard's security events, one line each on the logger {@code
 * keyguard.security}, for a SIEM. See {@link dev.keyguard.internal.security.SecurityLog}.
 */
package dev.keyguard.internal.security;
