/**
 * Workspaces (tenants) and the resolution of the current one: Hibernate's tenant identifier, the per-transaction
 * {@code app.tenant_id} setting that PostgreSQL row-level security reads, and the database role the application
 * runs as.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package io.leadbridge.tenant;
