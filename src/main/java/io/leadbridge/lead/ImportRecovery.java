package io.leadbridge.lead;

import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, closes the imports that were running when the application stopped and queues again the checks that
 * were waiting or running (see {@link LeadImports}).
 */
@Component
class ImportRecovery {

    private final JdbcClient jdbc;
    private final LeadImports imports;

    ImportRecovery(JdbcClient jdbc, LeadImports imports) {
        this.jdbc = jdbc;
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        jdbc.sql("select kind, tenant_id, id from running_background_work() where kind in ('IMPORT', 'IMPORT_CHECK')")
                .query((rs, row) -> new Object[] {
                    rs.getObject("tenant_id", UUID.class),
                    rs.getLong("id"),
                    rs.getString("kind").equals("IMPORT_CHECK")
                })
                .list()
                .forEach(running -> imports.recover((UUID) running[0], (Long) running[1], (Boolean) running[2]));
    }
}
