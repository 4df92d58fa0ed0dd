package io.leadbridge.account;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the accounts behind an e-mail address at sign-in, before any tenant is known, through the one reviewed
 * SECURITY DEFINER look-up ({@code find_login_accounts}) rather than by switching row-level security off. An address
 * may have an account in several workspaces.
 */
@Component
class LoginAccounts {

    private final JdbcClient jdbc;

    LoginAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The accounts of this address (at most ten), in the workspace with the slug {@code workspace} only when one is
     * given, each with its password hash.
     */
    List<SignedInAccount> find(String email, String workspace) {
        return jdbc.sql("select * from find_login_accounts(?, ?)")
                .params(email == null ? "" : email.strip(), workspace)
                .query((rs, row) -> new SignedInAccount(
                        rs.getLong("account_id"),
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("tenant_name"),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        roles(rs.getArray("roles")),
                        rs.getBoolean("active"),
                        rs.getString("password_hash")))
                .list();
    }

    /**
     * An e-mail address as the throttle counts it: as the database compares addresses ({@code lower}), so that no
     * spelling that opens the same accounts gets a count of its own (Java's and PostgreSQL's lower case differ for a
     * few letters, such as the Turkish dotted İ).
     */
    String key(String email) {
        return jdbc.sql("select lower(?)")
                .param(email == null ? "" : email.strip())
                .query(String.class)
                .single();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
