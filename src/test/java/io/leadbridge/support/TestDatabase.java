package io.leadbridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
 * <p>A run's database is named {@code leadbridge_test_<UTC time>_<random>}, and the run keeps a connection to it for
 * as long as it lives. A run that was killed leaves its database behind: each new run drops those of earlier runs that
 * are older than {@link #STALE_AFTER} and that nobody is connected to. A live run's database always has a connection
 * (its own, and its pools'), and PostgreSQL refuses to drop a database anyone is connected to, so two runs at the same
 * time never drop each other's. Tests that need a scratch database of their own ({@link #createScratchDatabase}) name
 * it the same way, so a killed one of theirs goes the same way.
 *
 * <p>The user given here ({@code LEADBRIDGE_TEST_DATABASE_USERNAME}, default {@code postgres}) is the owner: it creates
 * the database and migrates it. The application's pool logs in as {@code leadbridge_app}, as configured, with the
 * application's password setting ({@code SPRING_DATASOURCE_PASSWORD}, none by default, which trust authentication
 * needs not).
 */
public final class TestDatabase {

    /** A run's database older than this, to which nobody is connected, was left by a run that was killed. */
    public static final Duration STALE_AFTER = Duration.ofHours(3);

    private static final String PREFIX = "leadbridge_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{14})_[a-z0-9]+");
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?$");

    private static volatile Boolean docker;
    private static volatile String freshUrl;

    /**
     * This run's connection to its own database, open until the JVM ends (a killed run's ends with it): while it is
     * open, no other run can drop the database, even between two test contexts that each have a pool of their own.
     */
    @SuppressWarnings("unused")
    private static volatile Connection keeper;

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

    /**
     * A database of this test run's own on the local server: created here, after the databases that killed runs left
     * are dropped, and kept connected to until the run ends.
     */
    public static String freshDatabaseUrl() {
        if (freshUrl == null) {
            synchronized (TestDatabase.class) {
                if (freshUrl == null) {
                    String server = server();
                    checkReachable(maintenanceUrl(), server);
                    dropStaleDatabases(Instant.now().minus(STALE_AFTER));
                    String url = url(createScratchDatabase("run"));
                    try {
                        Properties properties = credentials();
                        properties.setProperty("ApplicationName", "leadbridge-test-run");
                        keeper = DriverManager.getConnection(url, properties);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not connect to this run's database " + url, e);
                    }
                    freshUrl = url;
                }
            }
        }
        return freshUrl;
    }

    /**
     * Creates a database for a test of its own on the local server, named as the runs' are ({@code tag} in its random
     * part), and answers its name. The test drops it when it is done ({@link #dropScratchDatabase}); if the test is
     * killed first, a later run drops it.
     */
    public static String createScratchDatabase(String tag) {
        String name =
                PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_" + tag.toLowerCase(java.util.Locale.ROOT)
                        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A scratch database's tag is letters and digits, was " + tag);
        }
        try (Connection connection = DriverManager.getConnection(maintenanceUrl(), credentials());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Drops a scratch database, ending whatever connections to it the test left open. */
    public static void dropScratchDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl(), credentials());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }

    /** The JDBC URL of a database on the local server. */
    public static String url(String database) {
        Matcher matcher = serverUrl();
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    /** A connection as the owner to a database on the local server. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), credentials());
    }

    private static String server() {
        return env("LEADBRIDGE_TEST_DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres");
    }

    private static Matcher serverUrl() {
        String server = server();
        Matcher matcher = URL.matcher(server);
        if (!matcher.matches()) {
            throw new IllegalStateException(
                    "LEADBRIDGE_TEST_DATABASE_URL must look like jdbc:postgresql://host:port/database, was " + server);
        }
        return matcher;
    }

    private static String maintenanceUrl() {
        return url("postgres");
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

    /**
     * Drops the databases of earlier test runs (and tests' scratch databases) made before {@code cutoff} that nobody is
     * connected to, and answers their names. One that somebody is connected to is left: PostgreSQL refuses to drop it
     * (the check and the drop are one step there), so a run that is alive keeps its database. Databases of other names
     * are never touched. Clean-up is a courtesy: when it cannot be done, the run goes on.
     */
    static List<String> dropStaleDatabases(Instant cutoff) {
        String before = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC).format(STAMP);
        List<String> dropped = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(maintenanceUrl(), credentials());
                Statement statement = connection.createStatement()) {
            List<String> unused = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("""
                    select d.datname from pg_database d
                    where d.datname like 'leadbridge\\_test\\_%'
                      and not exists (select 1 from pg_stat_activity a where a.datid = d.oid)
                    """)) {
                while (rs.next()) {
                    unused.add(rs.getString(1));
                }
            }
            for (String name : unused) {
                Matcher matcher = NAME.matcher(name);
                if (!matcher.matches() || matcher.group(1).compareTo(before) >= 0) {
                    continue;
                }
                try {
                    // Not WITH (FORCE): a run that connected meanwhile makes this fail, and keeps its database.
                    statement.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
                    dropped.add(name);
                } catch (SQLException inUse) {
                    // somebody is connected to it after all: leave it
                }
            }
        } catch (SQLException e) {
            // clean-up is a courtesy; the run goes on
        }
        return dropped;
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
