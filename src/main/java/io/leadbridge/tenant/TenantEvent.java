package io.leadbridge.tenant;

import java.util.UUID;

/**
 * An event that happened in one workspace. Its listeners may run after the commit on another thread, or again when an
 * incomplete publication is resubmitted: they work in {@link #tenantId()}, never in whatever workspace the thread
 * happens to carry. A listener after the commit ({@code @ApplicationModuleListener}, {@code @TransactionalEventListener})
 * is run there by {@link TenantEventListeners}, before its transaction begins; it need not set the workspace itself.
 */
public interface TenantEvent {

    UUID tenantId();
}
