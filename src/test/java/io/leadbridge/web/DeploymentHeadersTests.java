package io.leadbridge.web;

import static io.leadbridge.support.RawHttp.PROXY;
import static io.leadbridge.support.RawHttp.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.RawHttp.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the real server (Tomcat, its valves, the whole filter chain) answers behind a TLS-terminating reverse proxy and
 * to a forged {@code Host}: HSTS and a {@code Secure} session cookie exactly when a trusted proxy forwarded HTTPS, and
 * the request's {@code Host} nowhere in a response.
 */
@BrowserTest
class DeploymentHeadersTests {

    static final String EVIL = "evil.example";
    static final String ADMIN = "admin@acme.example";
    static final String MARKETER = "mia@acme.example";
    static final String DEMO_PASSWORD = "demo-password";

    @LocalServerPort
    int port;

    RawHttp proxy() {
        return RawHttp.from(PROXY, port);
    }

    RawHttp stranger() {
        return RawHttp.from(STRANGER, port);
    }

    /** A client that asks for pages, as a browser does. */
    RawHttp browser() {
        return stranger().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    @Test
    void httpsForwardedByTheTrustedProxyGetsHstsAndSecureSessionCookies() {
        Response page = proxy().header("X-Forwarded-Proto", "https").get("/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
        // A stranger gets no session, only the sign-in form's CSRF cookie.
        assertThat(page.setCookie("SESSION")).isEmpty();
        assertThat(page.setCookie(RawHttp.CSRF_COOKIE))
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly", "; SameSite=Lax"));

        Response signIn = proxy().header("X-Forwarded-Proto", "https")
                .postForm("/login", "/login", Map.of("username", ADMIN, "password", DEMO_PASSWORD));
        assertThat(signIn.setCookie("SESSION"))
                .as("the session the sign-in starts")
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly", "; SameSite=Lax"));
        assertThat(signIn.header("Strict-Transport-Security")).isPresent();
    }

    @Test
    void plainHttpGetsNoHstsAndACookieThatIsNotSecure() {
        Response page = proxy().get("/login");

        assertThat(page.header("Strict-Transport-Security")).isEmpty();
        assertThat(page.setCookie(RawHttp.CSRF_COOKIE))
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .contains("; HttpOnly", "; SameSite=Lax")
                        .doesNotContain("Secure"));
    }

    @Test
    void forwardedHeadersFromAClientThatIsNoTrustedProxyAreIgnored() {
        Response page = stranger()
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", EVIL)
                .header("X-Forwarded-Port", "443")
                .get("/leads");

        assertThat(page.header("Strict-Transport-Security")).isEmpty();
        // The page asked for, kept for after the sign-in in a cookie (a stranger gets no session).
        assertThat(page.setCookie("REDIRECT_URI"))
                .hasValueSatisfying(
                        cookie -> assertThat(cookie).contains("HttpOnly").doesNotContain("Secure"));
        assertThat(page.whole()).doesNotContain(EVIL);
    }

    @Test
    void anonymousAnswersNeverNameTheRequestsHost() {
        for (RawHttp client : List.of(
                stranger().header("Host", EVIL),
                stranger().header("X-Forwarded-Host", EVIL),
                proxy().header("Host", EVIL).header("X-Forwarded-Proto", "https"))) {
            for (String path : List.of(
                    "/",
                    "/leads",
                    "/admin/users?lang=de",
                    "/no-such-page",
                    "/error",
                    "/login",
                    "/signup",
                    "/logout",
                    "/v3/api-docs",
                    "/v3/api-docs.yaml",
                    "/v3/api-docs/swagger-config",
                    "/swagger-ui.html",
                    "/swagger-ui/index.html",
                    "/api/v1/leads/1")) {
                Response response = client.get(path);
                assertThat(response.whole()).as(path).doesNotContain(EVIL);
                response.header("Location")
                        .ifPresent(location -> assertThat(location).as(path).startsWith("/"));
            }
        }
    }

    @Test
    void signedInAnswersNeverNameTheRequestsHost() {
        // Back to the page asked for after signing in: by its path, not by the URL with the Host it was asked with.
        RawHttp signedIn = stranger().header("Host", EVIL);
        Response asked = signedIn.get("/admin/users");
        assertThat(asked.header("Location")).hasValue("/login");
        // The page asked for is kept in a cookie (a stranger gets no session).
        assertThat(asked.setCookie("SESSION")).isEmpty();
        String askedFor = asked.cookie("REDIRECT_URI").orElseThrow();
        signedIn.header("Cookie", "REDIRECT_URI=" + askedFor);
        Response afterSignIn =
                signedIn.postForm("/login", "/login", Map.of("username", ADMIN, "password", DEMO_PASSWORD));
        assertThat(afterSignIn.header("Location")).hasValue("/admin/users");
        signedIn.header("Cookie", "SESSION=" + afterSignIn.cookie("SESSION").orElseThrow());

        for (String path : List.of("/", "/admin/users", "/admin/api-keys", "/leads", "/no-such-page", "/error")) {
            Response response = signedIn.get(path);
            assertThat(response.whole()).as(path).doesNotContain(EVIL);
            response.header("Location")
                    .ifPresent(location -> assertThat(location).as(path).startsWith("/"));
        }
        assertThat(signedIn.get("/").header("Location")).hasValue("/admin/users");
        Response signOut = signedIn.postForm("/logout", "/admin/users", Map.of());
        assertThat(signOut.header("Location")).hasValue("/login?logout");
    }

    @Test
    void errorAskedForDirectlyIsNotFoundAndRealErrorsKeepTheirPages() {
        Response anonymous = browser().get("/error");
        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.body()).contains("id=\"error-404\"");

        RawHttp admin = browser().signedInAs(ADMIN, DEMO_PASSWORD);
        Response direct = admin.get("/error");
        assertThat(direct.status()).isEqualTo(404);
        assertThat(direct.body()).contains("id=\"error-404\"");
        Response unknown = admin.get("/leads/999999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"error-404\"");

        Response forbidden = browser().signedInAs(MARKETER, DEMO_PASSWORD).get("/admin/users");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("id=\"error-403\"");

        Response api = stranger().get("/api/v1/leads/1");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
