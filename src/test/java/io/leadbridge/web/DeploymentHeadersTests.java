package io.leadbridge.web;

import static io.leadbridge.support.RawHttp.PROXY;
import static io.leadbridge.support.RawHttp.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.RawHttp.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the real server (Tomcat, its valves, the whole filter chain) answers behind a TLS-terminating reverse proxy: HSTS
 * and a {@code Secure} session cookie exactly when a trusted proxy forwarded HTTPS.
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

    @Test
    void httpsForwardedByTheTrustedProxyGetsHstsAndSecureSessionCookies() {
        Response page = proxy().header("X-Forwarded-Proto", "https").get("/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
        assertThat(page.setCookie("JSESSIONID"))
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly", "; SameSite=Lax"));

        Response signIn = proxy().header("X-Forwarded-Proto", "https")
                .postForm("/login", "/login", Map.of("username", ADMIN, "password", DEMO_PASSWORD));
        assertThat(signIn.setCookie("JSESSIONID"))
                .as("the session the sign-in starts")
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly", "; SameSite=Lax"));
        assertThat(signIn.header("Strict-Transport-Security")).isPresent();
    }

    @Test
    void plainHttpGetsNoHstsAndACookieThatIsNotSecure() {
        Response page = proxy().get("/login");

        assertThat(page.header("Strict-Transport-Security")).isEmpty();
        assertThat(page.setCookie("JSESSIONID"))
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
        assertThat(page.setCookie("JSESSIONID"))
                .hasValueSatisfying(cookie -> assertThat(cookie).doesNotContain("Secure"));
    }
}
