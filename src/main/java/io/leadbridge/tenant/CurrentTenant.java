package io.leadbridge.tenant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The workspace the current work belongs to. It comes from the signed-in principal; work without one (signup,
 * seeding, scheduled jobs) names its tenant explicitly with {@link #callAs}. It never comes from a request parameter.
 */
public final class CurrentTenant {

    private static final ThreadLocal<UUID> EXPLICIT = new ThreadLocal<>();

    private CurrentTenant() {}

    public static Optional<UUID> id() {
        UUID explicit = EXPLICIT.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            return Optional.of(principal.tenantId());
        }
        return Optional.empty();
    }

    /** The current tenant; fails loudly when there is none, so work never runs unscoped by accident. */
    public static UUID require() {
        return id().orElseThrow(() -> new MissingTenantException());
    }

    public static <T> T callAs(UUID tenantId, Supplier<T> work) {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId must not be null");
        }
        UUID previous = EXPLICIT.get();
        EXPLICIT.set(tenantId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EXPLICIT.remove();
            } else {
                EXPLICIT.set(previous);
            }
        }
    }

    public static void runAs(UUID tenantId, Runnable work) {
        callAs(tenantId, () -> {
            work.run();
            return null;
        });
    }

    /** Thrown when tenant-owned data is touched outside any workspace. */
    public static class MissingTenantException extends IllegalStateException {
        MissingTenantException() {
            super("No workspace in scope: tenant-owned data was touched without a signed-in person "
                    + "or an explicit CurrentTenant.callAs(...)");
        }
    }
}
