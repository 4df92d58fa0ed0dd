package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.Workspaces;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stranger's plain GETs create no session rows: the sign-in and sign-up pages' CSRF token lives in a cookie until
 * someone signs in, and a protected page remembers where to go back in a cookie too. So nobody grows the session table
 * by asking for pages, and the sign-in and sign-up forms are still protected against cross-site posts.
 */
@BrowserTest
class StrangerSessionsTests {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    private long sessionRows() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    /** The sign-in form's fields as a browser posts them. */
    private static Map<String, String> signIn(String email, String password, String token) {
        return Map.of("username", email, "password", password, "_csrf", token);
    }

    @Test
    void aStrangersGetsOfTheSignInSignUpAndProtectedPagesCreateNoSessionRow() {
        long before = sessionRows();
        for (String path : new String[] {"/login", "/signup", "/leads", "/sales/queue", "/"}) {
            for (int i = 0; i < 20; i++) {
                RawHttp.Response answer = RawHttp.from(RawHttp.STRANGER, port).get(path);
                assertThat(answer.status()).as(path).isIn(200, 302);
                assertThat(answer.setCookie("SESSION")).as(path).isEmpty();
            }
        }
        assertThat(sessionRows()).isEqualTo(before);
    }

    @Test
    void theSignInFormStillSignsInAndRefusesAPostWithoutItsCookieOrItsToken() {
        Workspaces.Workspace workspace = workspaces.create();
        RawHttp stranger = RawHttp.from(RawHttp.STRANGER, port);
        RawHttp.Response page = stranger.get("/login");
        String csrfCookie = page.cookie(CsrfTokens.COOKIE).orElseThrow();
        String token = RawHttp.csrfTokenOf(page.body());

        // Without the cookie (a cross-site post cannot send or read it), and with another token: refused.
        RawHttp.Response noCookie = RawHttp.from(RawHttp.STRANGER, port)
                .postRaw("/login", signIn(workspace.mia().email(), workspace.password(), token));
        assertThat(noCookie.status()).isEqualTo(403);
        RawHttp.Response otherToken = RawHttp.from(RawHttp.STRANGER, port)
                .header("Cookie", CsrfTokens.COOKIE + "=" + csrfCookie)
                .postRaw(
                        "/login",
                        signIn(
                                workspace.mia().email(),
                                workspace.password(),
                                UUID.randomUUID().toString()));
        assertThat(otherToken.status()).isEqualTo(403);
        assertThat(otherToken.setCookie("SESSION")).isEmpty();

        RawHttp.Response signedIn = RawHttp.from(RawHttp.STRANGER, port)
                .header("Cookie", CsrfTokens.COOKIE + "=" + csrfCookie)
                .postRaw("/login", signIn(workspace.mia().email(), workspace.password(), token));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location").orElseThrow()).doesNotContain("error");
        String session = signedIn.cookie("SESSION").orElseThrow();
        // Signed in, the anonymous token is gone; the session's pages carry the session's own token.
        assertThat(signedIn.cookie(CsrfTokens.COOKIE)).hasValue("");
        RawHttp mia = RawHttp.from(RawHttp.STRANGER, port).header("Cookie", "SESSION=" + session);
        assertThat(mia.get("/leads").status()).isEqualTo(200);
        assertThat(mia.postForm("/logout", "/leads", Map.of())
                        .header("Location")
                        .orElseThrow())
                .endsWith("/login?logout");
    }

    @Test
    void wrongPasswordsCreateNoSessionRowAndTheFormStillKeepsTheEmail() {
        Workspaces.Workspace workspace = workspaces.create();
        RawHttp.Response page = RawHttp.from(RawHttp.STRANGER, port).get("/login");
        String csrfCookie = page.cookie(CsrfTokens.COOKIE).orElseThrow();
        String token = RawHttp.csrfTokenOf(page.body());
        long before = sessionRows();

        RawHttp.Response failed = null;
        for (int i = 0; i < 3; i++) {
            failed = RawHttp.from(RawHttp.STRANGER, port)
                    .header("Cookie", CsrfTokens.COOKIE + "=" + csrfCookie)
                    .postRaw("/login", signIn(workspace.mia().email(), "not her password", token));
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location").orElseThrow()).endsWith("/login?error");
            assertThat(failed.setCookie("SESSION")).isEmpty();
        }
        assertThat(sessionRows()).isEqualTo(before);

        String emailCookie = failed.cookie(SignIns.FAILED_EMAIL_COOKIE).orElseThrow();
        RawHttp.Response again = RawHttp.from(RawHttp.STRANGER, port)
                .header("Cookie", SignIns.FAILED_EMAIL_COOKIE + "=" + emailCookie)
                .get("/login?error");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body())
                .contains("value=\"" + workspace.mia().email() + "\"")
                .doesNotContain("not her password");
        assertThat(again.setCookie("SESSION")).isEmpty();
        assertThat(sessionRows()).isEqualTo(before);
    }
}
