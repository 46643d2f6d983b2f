/**
 * Keyguard's Admin API for JAX-RS: {@code GET, POST /api/v1/api-keys}, {@code DELETE
 * /api/v1/api-keys/{id}} and {@code POST /api/v1/api-keys/{id}/rotate}, as the contract and {@code
 * openapi.yaml} in this package describe them.
 *
 * <p>A host registers it with {@link dev.keyguard.admin.KeyguardAdminFeature} (Jersey, or any
 * runtime that accepts resources from a feature) or {@link
 * dev.keyguard.admin.KeyguardAdminApplication} ({@code web.xml}, any runtime). The sub-packages are
 * internal: public only where a JAX-RS runtime needs it.
 */
package dev.keyguard.admin;
