package io.leadbridge.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * V24 on a database that has proposals from before it: each open proposal and draft gets the version that was active
 * when it was made as its base, and an open proposal whose base is no longer active becomes outdated.
 */
class ProposalBaseMigrationTests {

    private String name;

    @BeforeEach
    void createDatabase() {
        name = TestDatabase.createScratchDatabase("v24");
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

    /** The highest migration version below {@code version} (V23 may or may not exist on a branch). */
    private static int lastBefore(int version) {
        try {
            int last = 0;
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql")) {
                int number = Integer.parseInt(resource.getFilename()
                        .substring(1, resource.getFilename().indexOf("__")));
                if (number < version && number > last) {
                    last = number;
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void openProposalsGetTheVersionActiveWhenTheyWereMadeAsBaseAndOlderOnesBecomeOutdated() throws SQLException {
        migrateTo(Integer.toString(lastBefore(24)));
        UUID tenant = UUID.randomUUID();
        try (Connection connection = connect(name);
                Statement sql = connection.createStatement()) {
            sql.execute("insert into tenant (id, slug, name) values ('" + tenant + "', 'before-v24', 'Before V24')");
            sql.execute("insert into account (id, tenant_id, email, display_name, password_hash, roles) values"
                    + " (1, '" + tenant + "', 'm@x.example', 'Mia', 'x', array['MARKETER']),"
                    + " (2, '" + tenant + "', 's@x.example', 'Sam', 'x', array['SALES_REP'])");
            String insert = "insert into agreement_version (id, tenant_id, kind, number, status, content, proposed_by,"
                    + " proposed_team, proposed_at, activated_at, superseded_at, created_at) values ";
            String t = "'" + tenant + "'";
            sql.execute(insert
                    // version 1, active until version 3 was approved on day 3
                    + "(101, " + t + ", 'CRITERIA', 1, 'SUPERSEDED', '{}', null, null, null,"
                    + " '2026-01-01', '2026-01-03', '2026-01-01'),"
                    // version 2, proposed on day 2 (on version 1) and still open: it would undo version 3
                    + "(102, " + t + ", 'CRITERIA', 2, 'PROPOSED', '{}', 1, 'MARKETING', '2026-01-02', null, null,"
                    + " '2026-01-02'),"
                    // version 3, proposed on day 2 as well, active since day 3
                    + "(103, " + t + ", 'CRITERIA', 3, 'ACTIVE', '{}', 2, 'SALES', '2026-01-02 12:00', '2026-01-03',"
                    + " null, '2026-01-02 12:00'),"
                    // version 4, proposed on day 4 (on version 3): still open
                    + "(104, " + t + ", 'CRITERIA', 4, 'PROPOSED', '{}', 1, 'MARKETING', '2026-01-04', null, null,"
                    + " '2026-01-04'),"
                    // a draft started on day 5
                    + "(105, " + t + ", 'CRITERIA', 5, 'DRAFT', '{}', 1, 'MARKETING', null, null, null, '2026-01-05'),"
                    // a funnel proposal while the funnel was still on the defaults (no version active)
                    + "(201, " + t + ", 'FUNNEL', 1, 'PROPOSED', '{}', 2, 'SALES', '2026-01-02', null, null,"
                    + " '2026-01-02')");
        }

        migrateTo("24");

        Map<Long, String> rows = new LinkedHashMap<>();
        try (Connection connection = connect(name);
                Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery("select id, status, base_version_id, outdated_at is not null"
                        + " from agreement_version order by id")) {
            while (rs.next()) {
                rows.put(
                        rs.getLong(1),
                        rs.getString(2) + " on " + rs.getObject(3) + (rs.getBoolean(4) ? " since now" : ""));
            }
        }
        assertThat(rows)
                .containsEntry(102L, "OUTDATED on 101 since now")
                .containsEntry(103L, "ACTIVE on 101")
                .containsEntry(104L, "PROPOSED on 103")
                .containsEntry(105L, "DRAFT on 103")
                .containsEntry(201L, "PROPOSED on null");
    }
}
