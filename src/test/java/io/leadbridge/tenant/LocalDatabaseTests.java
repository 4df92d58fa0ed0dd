package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A first start on a database that does not exist yet creates it, whether the URL names the server by name or by
 * address (an address once made the start fail right after creating the database: the log line parsed it as a URI).
 */
class LocalDatabaseTests {

    private static boolean exists(String database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                ResultSet found = connection
                        .createStatement()
                        .executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            return found.next();
        }
    }

    private static void drop(String database) throws SQLException {
        try (Connection connection =
                DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "")) {
            connection.createStatement().execute("drop database if exists \"" + database + "\"");
        }
    }

    @Test
    void aDatabaseNamedByTheServersAddressIsCreated() throws SQLException {
        for (String host : new String[] {"127.0.0.1:5432", "localhost:5432"}) {
            String database = "leadbridge_local_" + UUID.randomUUID().toString().substring(0, 8);
            try {
                LocalDatabase.ensureExists("jdbc:postgresql://" + host + "/" + database, "postgres", "");
                assertThat(exists(database)).as(host).isTrue();
                // A second start finds it and leaves it.
                LocalDatabase.ensureExists("jdbc:postgresql://" + host + "/" + database, "postgres", "");
                assertThat(exists(database)).isTrue();
            } finally {
                drop(database);
            }
        }
    }
}
