package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Browsers a person signed in with before (OWASP's "device cookies"): after a successful sign-in the browser gets a
 * random token in a cookie, stored here only as its hash, with the account it signed in to. A sign-in from that
 * browser to that account is throttled on its own instead of by account and address, so a stranger's failed guesses
 * never keep the owner out. The trust is for that account only — not for other accounts of the same e-mail address —
 * and the browser loses it after {@link #MAX_FAILURES} failures.
 */
@Component
class TrustedBrowsers {

    static final String COOKIE = "LB_BROWSER";
    static final Duration LIFETIME = Duration.ofDays(180);
    static final int MAX_FAILURES = 10;
    /** Browsers kept per account: the newest. */
    static final int KEPT_PER_ACCOUNT = 20;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TrustedBrowsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The accounts the browser with this token signed in to before (and not too long ago). */
    Set<Long> accounts(String token) {
        if (token == null) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select account_id from trusted_browser where token_hash = ? and expires_at > ?")
                .params(Throttle.hash(token), Timestamp.from(clock.instant()))
                .query(Long.class)
                .list());
    }

    /** The browser signed in to these accounts: it is trusted (again) for each of them for {@link #LIFETIME}. */
    void remember(HttpServletRequest request, HttpServletResponse response, Collection<Long> accountIds) {
        String token = SignInDetails.browserToken(request);
        if (token == null || accounts(token).isEmpty()) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        Timestamp expires = Timestamp.from(clock.instant().plus(LIFETIME));
        for (long accountId : accountIds) {
            jdbc.sql("""
                            insert into trusted_browser (token_hash, account_id, expires_at) values (?, ?, ?)
                            on conflict (token_hash, account_id) do update set expires_at = excluded.expires_at
                            """).params(Throttle.hash(token), accountId, expires).update();
            jdbc.sql("""
                            delete from trusted_browser where account_id = ? and token_hash not in (
                                select token_hash from trusted_browser where account_id = ?
                                order by expires_at desc limit ?)
                            """).params(accountId, accountId, KEPT_PER_ACCOUNT).update();
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
