package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A session's row is written when something about it changed or its last access moved by a minute, not on every
 * request: many page views of one person in a minute are one write, and still keep the session alive.
 */
@BrowserTest
class SessionWritesTests {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    private record Row(long lastAccess, long expiry, String principal) {}

    @Autowired
    org.springframework.session.SessionRepository<?> repository;

    private static String sessionId(String cookie) {
        return new String(java.util.Base64.getDecoder().decode(cookie.substring("SESSION=".length())));
    }

    private Row row(String cookie) {
        String decoded = sessionId(cookie);
        return jdbc.sql("select last_access_time, expiry_time, principal_name from spring_session where session_id = ?")
                .param(decoded)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .single();
    }

    private String signIn(String email, String password) {
        return RawHttp.from(RawHttp.STRANGER, port).sessionCookie(email, password);
    }

    @Test
    void pageViewsWithinAMinuteLeaveTheSessionsRowAloneAndALaterOneMovesItsLastAccessAndExpiry() {
        Workspaces.Workspace workspace = workspaces.create();
        String cookie = signIn(workspace.mia().email(), workspace.password());
        RawHttp mia = RawHttp.from(RawHttp.STRANGER, port).header("Cookie", cookie);
        Row signedIn = row(cookie);
        assertThat(signedIn.principal()).startsWith(workspace.tenantId() + "/");

        for (int i = 0; i < 3; i++) {
            assertThat(mia.get("/leads").status()).isEqualTo(200);
        }
        assertThat(row(cookie)).isEqualTo(signedIn);

        // Two minutes later (the row is moved back as if it had been), the next page view records the access.
        jdbc.sql("update spring_session set last_access_time = last_access_time - 120000,"
                        + " expiry_time = expiry_time - 120000 where principal_name = ?")
                .param(signedIn.principal())
                .update();
        // Changed behind the application's back (no notification): its snapshot goes as a change's would.
        ((LeanSessions<?>) repository).snapshots().forgetHere(sessionId(cookie));
        long before = System.currentTimeMillis();
        assertThat(mia.get("/leads").status()).isEqualTo(200);
        Row later = row(cookie);
        assertThat(later.lastAccess()).isGreaterThanOrEqualTo(before);
        assertThat(later.expiry() - later.lastAccess()).isEqualTo(signedIn.expiry() - signedIn.lastAccess());
    }

    @Test
    void aSessionIdleLongerThanItsTimeoutIsStillSignedOut() {
        Workspaces.Workspace workspace = workspaces.create();
        String cookie = signIn(workspace.sam().email(), workspace.password());
        RawHttp sam = RawHttp.from(RawHttp.STRANGER, port).header("Cookie", cookie);
        Row signedIn = row(cookie);
        jdbc.sql("update spring_session set last_access_time = last_access_time - 3600000,"
                        + " expiry_time = expiry_time - 3600000 where principal_name = ?")
                .param(signedIn.principal())
                .update();

        RawHttp.Response answer = sam.get("/sales/queue");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location").orElseThrow()).contains("/login");
    }
}
