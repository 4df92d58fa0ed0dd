package io.leadbridge.support;

import java.util.UUID;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What the database really holds, seen as the owning user (as Flyway connects), not through the application's
 * row-level-security role. Tests use it to check what was, or was not, written.
 */
@TestComponent
public class OwnerDatabase {

    private final JdbcClient jdbc;

    OwnerDatabase(JdbcConnectionDetails database) {
        this.jdbc = JdbcClient.create(new SimpleDriverDataSource(
                new org.postgresql.Driver(), database.getJdbcUrl(), database.getUsername(), database.getPassword()));
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
