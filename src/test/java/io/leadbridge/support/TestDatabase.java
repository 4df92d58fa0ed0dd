package io.leadbridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tests' PostgreSQL lives. With a Docker engine, Testcontainers starts one (see {@link
 * TestDatabaseConfiguration}); without one, the server at {@code LEADBRIDGE_TEST_DATABASE_URL} (default {@code
 * jdbc:postgresql://localhost:5432/postgres}) gets a fresh database for this test run. With neither, the run fails at
 * once and says what to start.
 *
 * <p>The user given here ({@code LEADBRIDGE_TEST_DATABASE_USERNAME}, default {@code postgres}) is the owner: it creates
 * the database and migrates it. The application's pool logs in as {@code leadbridge_app}, as configured, with the
 * application's password setting ({@code SPRING_DATASOURCE_PASSWORD}, none by default, which trust authentication
 * needs not).
 */
public final class TestDatabase {

    private static final String PREFIX = "leadbridge_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?$");

    private static volatile Boolean docker;
    private static volatile String freshUrl;

    private TestDatabase() {}

    /**
     * Whether a Docker engine answers. Asks Testcontainers only when there is a sign of an engine (a socket, {@code
     * DOCKER_HOST}, a Testcontainers configuration), so machines without one decide at once and quietly.
     */
    public static boolean dockerAvailable() {
        if (docker == null) {
            synchronized (TestDatabase.class) {
                if (docker == null) {
                    docker = hintOfDocker() && askTestcontainers();
                }
            }
        }
        return docker;
    }

    private static boolean hintOfDocker() {
        String home = System.getProperty("user.home");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }

    private static boolean askTestcontainers() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The owner's user name. */
    public static String username() {
        return env("LEADBRIDGE_TEST_DATABASE_USERNAME", "postgres");
    }

    public static String password() {
        return env("LEADBRIDGE_TEST_DATABASE_PASSWORD", "");
    }

    /** A database of this test run's own on the local server, created by the application at start-up. */
    public static String freshDatabaseUrl() {
        if (freshUrl == null) {
            synchronized (TestDatabase.class) {
                if (freshUrl == null) {
                    String server = env("LEADBRIDGE_TEST_DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres");
                    Matcher matcher = URL.matcher(server);
                    if (!matcher.matches()) {
                        throw new IllegalStateException(
                                "LEADBRIDGE_TEST_DATABASE_URL must look like jdbc:postgresql://host:port/database, was "
                                        + server);
                    }
                    String maintenance = matcher.group(1) + "postgres";
                    checkReachable(maintenance, server);
                    dropStaleDatabases(maintenance);
                    String name = PREFIX + LocalDateTime.now().format(STAMP) + "_"
                            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
                    freshUrl = matcher.group(1) + name + (matcher.group(3) == null ? "" : matcher.group(3));
                }
            }
        }
        return freshUrl;
    }

    private static void checkReachable(String maintenanceUrl, String configured) {
        try (Connection ignored = DriverManager.getConnection(maintenanceUrl, credentials())) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("""

                    The tests need PostgreSQL and none could be reached.
                      No Docker engine is running (Testcontainers would start PostgreSQL there), and
                      %s (user %s) answered: %s
                    Start one of them, e.g. the local server:
                      pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                    or point LEADBRIDGE_TEST_DATABASE_URL / _USERNAME / _PASSWORD at a server you can use.
                    """.formatted(configured, username(), e.getMessage()));
        }
    }

    /** Drops databases of earlier test runs that are older than six hours and that nobody uses any more. */
    private static void dropStaleDatabases(String maintenanceUrl) {
        String cutoff = LocalDateTime.now().minusHours(6).format(STAMP);
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials());
                Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs =
                    statement.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String stamp = name.substring(PREFIX.length()).split("_")[0];
                    if (stamp.compareTo(cutoff) < 0) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
                } catch (SQLException inUse) {
                    // still in use by a run that is alive: leave it
                }
            }
        } catch (SQLException e) {
            // clean-up is a courtesy; the run goes on
        }
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", username());
        properties.setProperty("password", password());
        properties.setProperty("connectTimeout", "5");
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
