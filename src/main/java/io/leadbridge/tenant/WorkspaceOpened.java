package io.leadbridge.tenant;

import java.util.UUID;

/** A new workspace exists; published inside the transaction (and tenant scope) that opened it. */
public record WorkspaceOpened(UUID tenantId) {}
