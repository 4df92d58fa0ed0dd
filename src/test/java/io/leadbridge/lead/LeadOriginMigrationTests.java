package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V38 on a database with leads from before it: each lead's origin as far as its first "created" or "imported" timeline
 * entry tells (the form, the API key by its name, the import by its file, person and time, the demo seed), otherwise
 * unknown; no lead has a legal basis recorded.
 */
class LeadOriginMigrationTests {

    private String name;

    @BeforeEach
    void createDatabase() {
        name = TestDatabase.createScratchDatabase("v38");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        TestDatabase.dropScratchDatabase(name);
    }

    private static Connection connect(String database) throws SQLException {
        return TestDatabase.connect(database);
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(TestDatabase.url(name), TestDatabase.username(), TestDatabase.password())
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    @Test
    void existingLeadsGetTheOriginTheirTimelineTellsAndNoLegalBasis() throws SQLException {
        migrateTo("37");
        UUID tenant = UUID.randomUUID();
        UUID zapier = UUID.randomUUID();
        String t = "'" + tenant + "'";
        try (Connection connection = connect(name);
                Statement sql = connection.createStatement()) {
            sql.execute("insert into tenant (id, slug, name) values (" + t + ", 'before-v38', 'Before V38')");
            sql.execute("insert into account (id, tenant_id, email, display_name, password_hash, roles) values"
                    + " (1, " + t + ", 'm@x.example', 'Mia', 'x', array['MARKETER'])");
            sql.execute("insert into api_key (id, tenant_id, name, secret_hash) values"
                    + " ('" + zapier + "', " + t + ", 'Zapier', 'h1'),"
                    + " ('" + UUID.randomUUID() + "', " + t + ", 'Twin', 'h2'),"
                    + " ('" + UUID.randomUUID() + "', " + t + ", 'Twin', 'h3')");
            sql.execute("insert into lead_import (id, tenant_id, file_name, mapping, status, created_by, created_at)"
                    + " values (40, " + t + ", 'fair.csv', '[]', 'DONE', 1, '2026-01-01 09:00'),"
                    + " (50, " + t + ", 'fair.csv', '[]', 'DONE', 1, '2026-01-01 10:00'),"
                    + " (60, " + t + ", 'fair.csv', '[]', 'DONE', 1, '2026-01-02 10:00')");
            sql.execute("insert into lead (id, tenant_id, email, company_name) values"
                    + " (1, " + t + ", 'form@x.example', 'F'), (2, " + t + ", 'api@x.example', 'A'),"
                    + " (3, " + t + ", 'import@x.example', 'I'), (4, " + t + ", 'seed@x.example', 'S'),"
                    + " (5, " + t + ", 'none@x.example', 'N'), (6, " + t + ", 'twin@x.example', 'T')");
            sql.execute("insert into lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)"
                    + " values"
                    + " (" + t + ", 1, '2026-01-01', 1, 'Mia', 'CREATED', '{\"facts\": {\"channel\": \"FORM\"}}'),"
                    + " (" + t + ", 1, '2026-01-02', 1, 'Mia', 'EDITED', '{}'),"
                    + " (" + t + ", 2, '2026-01-01', null, 'API: Zapier', 'CREATED',"
                    + " '{\"facts\": {\"channel\": \"API\"}}'),"
                    + " (" + t + ", 3, '2026-01-01 10:05', 1, 'Mia', 'IMPORTED',"
                    + " '{\"facts\": {\"channel\": \"IMPORT\", \"file\": \"fair.csv\"}}'),"
                    + " (" + t + ", 4, '2025-06-01', 1, null, 'CREATED', '{\"facts\": {\"channel\": \"API\"}}'),"
                    + " (" + t + ", 6, '2026-01-01', null, 'API: Twin', 'CREATED',"
                    + " '{\"facts\": {\"channel\": \"API\"}}')");
        }

        migrateTo("38");

        Map<Long, String> rows = new LinkedHashMap<>();
        try (Connection connection = connect(name);
                Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery("select id, origin || '|' || coalesce(origin_api_key_id::text, '-')"
                        + " || '|' || coalesce(origin_import_id::text, '-') || '|' || coalesce(origin_label, '-')"
                        + " || '|' || coalesce(legal_basis, 'not recorded') from lead order by id")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        assertThat(rows)
                .containsEntry(1L, "FORM|-|-|-|not recorded")
                .containsEntry(2L, "API|" + zapier + "|-|Zapier|not recorded")
                .containsEntry(3L, "IMPORT|-|50|fair.csv|not recorded")
                .containsEntry(4L, "SEED|-|-|-|not recorded")
                .containsEntry(5L, "UNKNOWN|-|-|-|not recorded")
                .as("two keys bear the name: which one is unknown")
                .containsEntry(6L, "API|-|-|Twin|not recorded");
    }
}
