package io.leadbridge.tenant;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Opens workspaces and tells what is known of the current one. */
@Service
public class TenantManagement {

    public static final String DEFAULT_TIME_ZONE = "Europe/Berlin";

    private final TenantRepository tenants;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TenantManagement(TenantRepository tenants, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Opens a new workspace. Runs inside the caller's transaction, which must be scoped to {@code id} (row-level
     * security checks the new row against it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Workspace open(UUID id, String name, String preferredSlug, String defaultLocale) {
        if (!id.equals(CurrentTenant.require())) {
            throw new IllegalStateException("A workspace is opened inside its own tenant scope");
        }
        String slug = freeSlug(preferredSlug == null ? slugify(name) : preferredSlug);
        Tenant tenant = new Tenant(id, slug, name.strip(), defaultLocale, DEFAULT_TIME_ZONE);
        Workspace workspace = tenants.saveAndFlush(tenant).toWorkspace();
        events.publishEvent(new WorkspaceOpened(id));
        return workspace;
    }

    /** The signed-in person's workspace. */
    @Transactional(readOnly = true)
    public Optional<Workspace> current() {
        return tenants.findById(CurrentTenant.require()).map(Tenant::toWorkspace);
    }

    /**
     * Whether any workspace on this server has the slug. Needs no tenant: it asks through the SECURITY DEFINER
     * look-up, which answers only yes or no.
     */
    public boolean slugTaken(String slug) {
        return Boolean.TRUE.equals(jdbc.sql("select tenant_slug_taken(?)")
                .param(slug)
                .query(Boolean.class)
                .single());
    }

    private String freeSlug(String base) {
        String candidate = base;
        while (slugTaken(candidate)) {
            candidate = base + "-"
                    + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        }
        return candidate;
    }

    static String slugify(String name) {
        String ascii = Normalizer.normalize(
                        Normalizer.normalize(name, Normalizer.Form.NFC)
                                .toLowerCase(Locale.ROOT)
                                .replace("ä", "ae")
                                .replace("ö", "oe")
                                .replace("ü", "ue")
                                .replace("ß", "ss"),
                        Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "workspace" : ascii;
    }
}
