package io.leadbridge.agreement;

import io.leadbridge.tenant.TenantEvent;
import java.util.UUID;

/** A version became the active one of its kind (published in the transaction that activated it). */
public record AgreementActivated(UUID tenantId, Kind kind, long versionId) implements TenantEvent {}
