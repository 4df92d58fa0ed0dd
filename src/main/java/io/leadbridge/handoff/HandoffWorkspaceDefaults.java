package io.leadbridge.handoff;

import io.leadbridge.tenant.WorkspaceOpened;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What handoff gives every new workspace. */
@Component
class HandoffWorkspaceDefaults {

    private final JdbcClient jdbc;

    HandoffWorkspaceDefaults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every new workspace starts with the default rejection reasons and business hours. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(WorkspaceOpened opened) {
        jdbc.sql("select open_handoff_defaults(?)")
                .param(opened.tenantId())
                .query(Object.class)
                .list();
    }
}
