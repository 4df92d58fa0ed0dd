package io.leadbridge.account;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds the account behind an e-mail address at sign-in, before any tenant is known, through the one reviewed
 * SECURITY DEFINER look-up ({@code find_login_account}) rather than by switching row-level security off.
 */
@Component
class LoginAccounts implements UserDetailsService {

    private final JdbcClient jdbc;

    LoginAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return jdbc.sql("select * from find_login_account(?)")
                .param(email == null ? "" : email.strip())
                .query((rs, row) -> new SignedInAccount(
                        rs.getLong("account_id"),
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("tenant_name"),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        roles(rs.getArray("roles")),
                        rs.getBoolean("active"),
                        rs.getString("password_hash")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No account for this e-mail"));
    }

    /** Whether any workspace has an account with this e-mail (they are unique server-wide). */
    boolean emailRegistered(String email) {
        return Boolean.TRUE.equals(jdbc.sql("select email_registered(?)")
                .param(email.strip())
                .query(Boolean.class)
                .single());
    }

    private static Set<Role> roles(Array array) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
