package io.leadbridge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A test run drops the databases that killed runs left on the local server (old, nobody connected), and never one
 * that a run still uses, however old its name says it is, nor a young one, nor one of another name. A run's own
 * database keeps a connection of the run's for as long as it lives, so no other run can drop it.
 */
class TestDatabaseTests {

    /** A run's name from long ago: 2020-01-01 00:00:00 UTC. */
    private static final String OLD = "leadbridge_test_20200101000000_";

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void dropWhatWasMade() throws SQLException {
        for (String name : made) {
            TestDatabase.dropScratchDatabase(name);
        }
    }

    private String create(String name) throws SQLException {
        made.add(name);
        try (Connection connection = TestDatabase.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        }
        return name;
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection connection = TestDatabase.connect("postgres");
                var found = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            found.setString(1, name);
            return found.executeQuery().next();
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aKilledRunsDatabaseIsDroppedAndOneInUseOrYoungOrOfAnotherNameIsLeft() throws SQLException {
        String killed = create(OLD + random());
        String inUse = create(OLD + random());
        String young = TestDatabase.createScratchDatabase("young");
        made.add(young);
        String other = create("leadbridge_test_kept_" + random());

        try (Connection alive = TestDatabase.connect(inUse)) {
            List<String> dropped = TestDatabase.dropStaleDatabases(Instant.now().minus(TestDatabase.STALE_AFTER));

            assertThat(dropped).contains(killed).doesNotContain(inUse, young, other);
            assertThat(exists(killed)).isFalse();
            assertThat(exists(inUse)).isTrue();
            assertThat(exists(young)).isTrue();
            assertThat(exists(other)).isTrue();
            assertThat(alive.isValid(5)).isTrue();
        }
    }

    @Test
    void thisRunsOwnDatabaseHasTheRunsConnectionSoNoOtherRunCanDropIt() throws SQLException {
        String url = TestDatabase.freshDatabaseUrl();
        String name = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];

        try (Connection connection = TestDatabase.connect("postgres");
                Statement statement = connection.createStatement()) {
            var found = statement.executeQuery("select count(*) from pg_stat_activity where datname = '" + name
                    + "' and application_name = 'leadbridge-test-run'");
            found.next();
            assertThat(found.getLong(1)).isEqualTo(1);
            // As another run's clean-up would try it, however old the database were.
            assertThatThrownBy(() -> statement.execute("DROP DATABASE \"" + name + "\""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("being accessed by other users");
        }
        assertThat(TestDatabase.dropStaleDatabases(Instant.now().plusSeconds(60)))
                .doesNotContain(name);
        assertThat(exists(name)).isTrue();
    }
}
