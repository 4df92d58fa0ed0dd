package io.leadbridge.tenant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application's PostgreSQL database when it is missing, so that {@code ./mvnw spring-boot:run} needs no
 * other step on a machine whose PostgreSQL accepts the owner ({@code spring.flyway.user}). It connects as the owner to
 * the server's {@code postgres} maintenance database to do so.
 */
public final class LocalDatabase {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);
    private static final Pattern URL =
            Pattern.compile("^jdbc:postgresql://(?<hostPort>[^/]*)/(?<database>[A-Za-z0-9_]+)(?<params>\\?.*)?$");
    private static final String INVALID_CATALOG_NAME = "3D000";

    private LocalDatabase() {}

    public static void ensureExists(String jdbcUrl, String username, String password) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            return; // not a plain URL we understand: leave it to the operator
        }
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, credentials(username, password))) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                return; // let the pool report the real problem
            }
        }
        String database = matcher.group("database");
        String maintenanceUrl = "jdbc:postgresql://" + matcher.group("hostPort") + "/postgres"
                + (matcher.group("params") == null ? "" : matcher.group("params"));
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials(username, password));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
            log.info("Created PostgreSQL database {} at {}", database, matcher.group("hostPort"));
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: someone else was quicker
                throw new IllegalStateException("Could not create the database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    private static Properties credentials(String username, String password) {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return properties;
    }
}
