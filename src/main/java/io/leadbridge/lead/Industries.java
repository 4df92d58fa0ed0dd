package io.leadbridge.lead;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.WorkspaceOpened;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The workspace's list of industries; every workspace starts with {@link #DEFAULTS}. */
@Component
class Industries {

    static final List<String> DEFAULTS = List.of(
            "AGRICULTURE",
            "CONSTRUCTION",
            "EDUCATION",
            "ENERGY",
            "FINANCE",
            "HEALTHCARE",
            "LOGISTICS",
            "MANUFACTURING",
            "MEDIA",
            "PUBLIC_SECTOR",
            "RETAIL",
            "SOFTWARE",
            "TELECOM",
            "OTHER");

    private final JdbcClient jdbc;

    /**
     * Each workspace's codes, read once: a workspace's list is written when it opens and never changes after (nothing
     * else writes {@code industry}), and every lead that arrives checks its industry against it. Bounded; a workspace
     * not seen for ten minutes is read again.
     */
    private final Cache<UUID, List<String>> byWorkspace = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    Industries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(WorkspaceOpened opened) {
        for (int i = 0; i < DEFAULTS.size(); i++) {
            jdbc.sql("insert into industry (tenant_id, code, position) values (?, ?, ?)")
                    .params(opened.tenantId(), DEFAULTS.get(i), i + 1)
                    .update();
        }
    }

    List<String> codes() {
        UUID tenant = CurrentTenant.require();
        List<String> known = byWorkspace.getIfPresent(tenant);
        if (known != null) {
            return known;
        }
        List<String> codes =
                List.copyOf(jdbc.sql("select code from industry where tenant_id = ? order by position, code")
                        .param(tenant)
                        .query(String.class)
                        .list());
        // A workspace whose list is not written yet (its opening has not committed) is asked again next time.
        if (!codes.isEmpty()) {
            byWorkspace.put(tenant, codes);
        }
        return codes;
    }
}
