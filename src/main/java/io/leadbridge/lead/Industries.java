package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.WorkspaceOpened;
import java.util.List;
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
        return jdbc.sql("select code from industry where tenant_id = ? order by position, code")
                .param(CurrentTenant.require())
                .query(String.class)
                .list();
    }
}
