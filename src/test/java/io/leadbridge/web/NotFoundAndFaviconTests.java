package io.leadbridge.web;

import static io.leadbridge.support.RawHttp.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the real server answers for a path it does not serve, and for the icon every browser asks for: a signed-in
 * person gets the not-found page (not "Not for your role"), and {@code /favicon.ico} is there for anyone.
 */
@BrowserTest
class NotFoundAndFaviconTests {

    static final String MARKETER = "mia@acme.example";
    static final String DEMO_PASSWORD = "demo-password";

    @LocalServerPort
    int port;

    RawHttp browser() {
        return RawHttp.from(STRANGER, port).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    @Test
    void anUnknownPathIsNotFoundForASignedInPersonNotForbidden() {
        RawHttp mia = browser().signedInAs(MARKETER, DEMO_PASSWORD);

        Response unknown = mia.get("/no-such-page");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"error-404\"").doesNotContain("id=\"error-403\"");
        assertThat(mia.get("/leads/no/such/thing").status()).isEqualTo(404);
        // An id that is no number is no lead either: the not-found page, not "That did not work" (400).
        Response notANumber = mia.get("/leads/abc");
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(notANumber.body()).contains("id=\"error-404\"");
        assertThat(mia.get("/criteria/versions/abc").status()).isEqualTo(404);

        // A page that exists but is not for her role stays forbidden; and a stranger is still asked to sign in first.
        assertThat(mia.get("/admin/users").status()).isEqualTo(403);
        Response stranger = browser().get("/no-such-page");
        assertThat(stranger.status()).isEqualTo(302);
        assertThat(stranger.header("Location")).hasValue("/login");
    }

    @Test
    void theFaviconIsServedWithoutSignInAndLinkedFromEveryPage() {
        Response icon = browser().get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("image/"));
        Response svg = browser().get("/favicon.svg");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.body()).contains("<svg");

        assertThat(browser().get("/login").body())
                .contains("<link rel=\"icon\" href=\"/favicon.ico\"")
                .contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
    }
}
