package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.tenant.TenantEvent;
import java.util.UUID;

/**
 * The liaison's decision handed a lead back to sales: a new handoff to the rep {@code assigneeId} with a fresh clock.
 * Not an entry of its own on the timeline: the decision that handed it back is (the dispute's).
 */
public record LeadHandedBack(UUID tenantId, long leadId, Actor liaison, long assigneeId, String leadName)
        implements TenantEvent {}
