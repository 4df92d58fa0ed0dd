package io.leadbridge.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * Sets the configured password ({@code spring.datasource.password}) on the role the pool logs in as, once Flyway has
 * migrated (and so created the role), as the owner and before the pool opens. Without a configured password the role is
 * left alone.
 *
 * <p>The password never reaches the server in plain text: the driver hashes it (SCRAM-SHA-256, or whatever {@code
 * password_encryption} says) and sends {@code ALTER USER … PASSWORD '<hash>'}, with the role's name and the hash quoted
 * by the driver, as psql's {@code \password} does; a statement log shows the hash only. An owner that may not alter
 * roles (managed PostgreSQL, see docs/adr/0001) leaves the password to whoever manages the role, and the start goes on.
 * A superuser's or a role's that bypasses row-level security is never touched: {@link ApplicationRoleCheck} refuses to
 * start with such a pool.
 */
final class ApplicationRolePassword implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRolePassword.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final int ATTEMPTS = 3;

    private final String role;
    private final String password;

    ApplicationRolePassword(String role, String password) {
        this.role = role;
        this.password = password;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE && StringUtils.hasText(role) && StringUtils.hasLength(password);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Connection owner = context.getConfiguration().getDataSource().getConnection()) {
            owner.setAutoCommit(true);
            if (!ordinaryLoginRole(owner)) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    owner.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), null);
                    log.info("Set the password of the database role {} as configured", role);
                    return;
                } catch (SQLException e) {
                    if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        log.info(
                                "The owner may not set the password of the database role {} ({}); it keeps the one it has",
                                role,
                                e.getMessage());
                        return;
                    }
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    // e.g. "tuple concurrently updated": another instance set it at the same moment
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not set the password of the database role " + role + ": " + e.getMessage(), e);
        }
    }

    /** Whether the role exists, can log in and is neither a superuser nor exempt from row-level security. */
    private boolean ordinaryLoginRole(Connection owner) throws SQLException {
        try (PreparedStatement statement = owner.prepareStatement(
                "select rolcanlogin and not rolsuper and not rolbypassrls from pg_roles where rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "application role password";
    }
}
