package io.leadbridge.tenant;

import java.util.UUID;

/**
 * An event that happened in one workspace. Its listeners may run after the commit on another thread, or again when an
 * incomplete publication is resubmitted: they work in {@link #tenantId()} ({@link CurrentTenant#runAs}), never in
 * whatever workspace the thread happens to carry.
 */
public interface TenantEvent {

    UUID tenantId();
}
