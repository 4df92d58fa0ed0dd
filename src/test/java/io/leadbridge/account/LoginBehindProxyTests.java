package io.leadbridge.account;

import static io.leadbridge.support.RawHttp.PROXY;
import static io.leadbridge.support.RawHttp.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sign-in throttle counts per client address: behind a trusted reverse proxy that is the client's own address (from
 * {@code X-Forwarded-For}), not the proxy's, which every client shares; from anyone else the header is ignored.
 */
@BrowserTest
class LoginBehindProxyTests {

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    private String failSignInsFrom(String address, String forwardedFor) {
        String email = "nobody-" + UUID.randomUUID() + "@proxy.example";
        String answer = null;
        for (int i = 0; i <= LoginThrottle.MAX_FAILURES; i++) {
            answer = RawHttp.from(address, port)
                    .header("X-Forwarded-For", forwardedFor)
                    .postForm("/login", "/login", Map.of("username", email, "password", "wrong password " + i))
                    .header("Location")
                    .orElseThrow();
        }
        assertThat(answer).as("the attempt after the last allowed failure").endsWith("/login?locked");
        return email;
    }

    @Test
    void behindTheTrustedProxyTheClientsOwnAddressIsCounted() {
        String email = failSignInsFrom(PROXY, "203.0.113.50");

        assertThat(throttle.isLocked(email, "203.0.113.50")).isTrue();
        assertThat(throttle.isLocked(email, PROXY)).isFalse();
        assertThat(throttle.isLocked(email, "203.0.113.51")).isFalse();
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        String email = failSignInsFrom(STRANGER, "198.51.100.9");

        assertThat(throttle.isLocked(email, STRANGER)).isTrue();
        assertThat(throttle.isLocked(email, "198.51.100.9")).isFalse();
    }
}
