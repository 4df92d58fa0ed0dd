package io.leadbridge.tenant;

import java.util.UUID;

/** A signed-in principal that belongs to exactly one workspace. */
public interface TenantPrincipal {

    UUID tenantId();
}
