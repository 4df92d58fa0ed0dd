package io.leadbridge.support;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database really holds, seen as the owning user on Flyway's own connections ({@code spring.flyway.user}),
 * not through the application's role, which row-level security binds. Tests use it to check what was, or was not,
 * written.
 */
@TestComponent
public class OwnerDatabase {

    private final JdbcClient jdbc;

    OwnerDatabase(Flyway flyway) {
        this.jdbc = JdbcClient.create(flyway.getConfiguration().getDataSource());
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Long.class).single();
    }

    public UUID tenantOf(String email) {
        return jdbc.sql("select tenant_id from account where lower(email) = lower(?)")
                .param(email)
                .query(UUID.class)
                .single();
    }
}
