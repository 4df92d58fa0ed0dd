package io.leadbridge.handoff;

import io.leadbridge.tenant.TenantEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A handoff entered the last quarter of its response time undecided: the rep ({@code assigneeId}) has until
 * {@code dueAt} to accept or reject the lead. Noticed by the SLA watch, once per handoff.
 */
public record HandoffDueSoon(UUID tenantId, long leadId, long assigneeId, long handedBy, Instant dueAt)
        implements TenantEvent {}
