package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Browsers a person signed in with before (OWASP's "device cookies"): after a successful sign-in the browser gets a
 * random token in a cookie, stored here only as its hash together with the hash of the e-mail address. A sign-in from
 * such a browser is throttled on its own instead of by account and address, so a stranger's failed guesses at an
 * account never keep its owner out; the browser loses its trust after {@link #MAX_FAILURES} failures.
 */
@Component
class TrustedBrowsers {

    static final String COOKIE = "LB_BROWSER";
    static final Duration LIFETIME = Duration.ofDays(180);
    static final int MAX_FAILURES = 10;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TrustedBrowsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the browser with this token signed in as this e-mail address before (and not too long ago). */
    boolean trusted(String token, String email) {
        if (token == null) {
            return false;
        }
        return jdbc.sql("""
                        select count(*) > 0 from trusted_browser
                        where token_hash = ? and email_hash = ? and expires_at > ?
                        """)
                .params(Throttle.hash(token), Throttle.hash(Throttle.email(email)), Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
    }

    /** The browser signed in as this e-mail address: it is trusted (again) for {@link #LIFETIME}. */
    void remember(HttpServletRequest request, HttpServletResponse response, String email) {
        String token = SignInDetails.browserToken(request);
        Timestamp expires = Timestamp.from(clock.instant().plus(LIFETIME));
        if (token != null && trusted(token, email)) {
            jdbc.sql("update trusted_browser set expires_at = ? where token_hash = ?")
                    .params(expires, Throttle.hash(token))
                    .update();
        } else {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            jdbc.sql("insert into trusted_browser (token_hash, email_hash, expires_at) values (?, ?, ?)")
                    .params(Throttle.hash(token), Throttle.hash(Throttle.email(email)), expires)
                    .update();
        }
        ResponseCookie cookie = ResponseCookie.from(COOKIE, token)
                .path("/login")
                .maxAge(LIFETIME)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** The browser failed too often: it is throttled by account and address again. */
    void forget(String token) {
        jdbc.sql("delete from trusted_browser where token_hash = ?")
                .param(Throttle.hash(token))
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void forgetExpired() {
        jdbc.sql("delete from trusted_browser where expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }
}
