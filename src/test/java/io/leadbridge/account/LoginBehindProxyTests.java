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
    Throttle throttle;

    /** An address whose free failed sign-ins are used up, so its next attempt waits. */
    private String pausedAddress() {
        String address = "203.0.113." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));
        for (int i = 0; i < Throttle.Scope.SIGN_IN_ADDRESS.free; i++) {
            throttle.failed(Throttle.Scope.SIGN_IN_ADDRESS, address);
        }
        return address;
    }

    private String signInFrom(String address, String forwardedFor) {
        String email = "nobody-" + UUID.randomUUID() + "@proxy.example";
        return RawHttp.from(address, port)
                .header("X-Forwarded-For", forwardedFor)
                .postForm("/login", "/login", Map.of("username", email, "password", "a wrong password"))
                .header("Location")
                .orElseThrow();
    }

    @Test
    void behindTheTrustedProxyTheClientsOwnAddressIsCounted() {
        String paused = pausedAddress();

        assertThat(signInFrom(PROXY, paused)).contains("/login?locked");
        // Another client behind the same proxy is not held up by it.
        assertThat(signInFrom(PROXY, "198.51.100.77")).endsWith("/login?error");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        String paused = pausedAddress();

        // A stranger claiming to forward for the paused address is counted as itself, and its own address is free.
        assertThat(signInFrom(STRANGER, paused)).endsWith("/login?error");
    }
}
