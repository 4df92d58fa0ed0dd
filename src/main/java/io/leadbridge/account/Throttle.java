package io.leadbridge.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed attempts per subject — an account's e-mail address across all client addresses, a client address, a
 * trusted browser — and answers with growing delays once a scope's free attempts are used up, rather than with a hard
 * lock that a stranger could trigger on purpose (OWASP ASVS 5.0, 6.1.1 and 6.3.1; the rules are in the README).
 *
 * <p>Kept in PostgreSQL ({@code throttle}), so every instance counts the same and nothing grows in memory; a subject
 * is stored as its SHA-256 hash, 32 bytes whatever its length, and forgotten {@link Scope#memory} after its last
 * failure. Reserving an attempt is one atomic statement: of many parallel attempts only the free ones get through.
 */
@Component
class Throttle {

    /** Where attempts are counted, with its free attempts and the delays after them. */
    enum Scope {
        /** Sign-in to an e-mail address's accounts, from any address. */
        SIGN_IN_ACCOUNT(5, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(1)),
        /** Failed sign-ins from one client address, to any accounts. */
        SIGN_IN_ADDRESS(50, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1)),
        /** Sign-in from a browser the person signed in with before; this alone counts for it. */
        SIGN_IN_BROWSER(5, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(1)),
        /** Sign-ups (new workspaces) from one client address. */
        SIGN_UP_ADDRESS(10, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1)),
        /** Missing, wrong or revoked API keys from one client address. */
        API_KEY_ADDRESS(20, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(1));

        /** Failures before the first delay. */
        final int free;
        /** The first delay; each further failure doubles it, up to {@link #longest}. */
        final Duration first;

        final Duration longest;
        /** How long after its last failure a subject is forgotten. */
        final Duration memory;

        Scope(int free, Duration first, Duration longest, Duration memory) {
            this.free = free;
            this.first = first;
            this.longest = longest;
            this.memory = memory;
        }
    }

    /** The new count: one more, or one again once the subject's memory has passed. */
    private static final String COUNT = "(case when t.last_failure <= :forgetBefore then 1 else t.failures + 1 end)";

    /**
     * When a subject with {@code count} failures may try again: none while failures are free, then the scope's first
     * delay, doubled with each further failure, up to its longest (the one rule of every scope).
     */
    private static String blockedAfter(String count) {
        return """
                case when %1$s >= :free then cast(:now as timestamptz)
                    + least(:longest, :first * power(2, least(%1$s - :free, 20))) * interval '1 second' end""".formatted(count);
    }

    /**
     * Counts a failure: the count grows by one (or starts again once the subject's memory has passed), and from the
     * scope's free failures on the subject waits the delay for its count. Nothing is counted while it waits. Answers the
     * new count with the state before it, so that {@link #refund} can undo exactly this one.
     */
    private static final String RESERVE = """
            with previous as (
                select last_failure, blocked_until from throttle where scope = :scope and subject = :subject
            )
            insert into throttle as t (scope, subject, failures, last_failure, blocked_until, expires_at)
            values (:scope, :subject, 1, :now, %3$s, :expiresAt)
            on conflict (scope, subject) do update set
                failures = %1$s,
                last_failure = :now,
                blocked_until = %2$s,
                expires_at = :expiresAt
            where t.blocked_until is null or t.blocked_until <= :now
            returning t.failures, (select last_failure from previous) as previous_last_failure,
                (select blocked_until from previous) as previous_blocked_until
            """.formatted(COUNT, blockedAfter(COUNT), blockedAfter("1"));

    private final JdbcClient jdbc;
    private final Clock clock;

    Throttle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * An attempt as counted: its number among the subject's failures and the subject's state before it, or how long
     * the subject must still wait (then nothing was counted).
     */
    record Attempt(
            Scope scope,
            String subject,
            int failures,
            Instant at,
            Instant previousLastFailure,
            Instant previousBlockedUntil,
            Duration waitFor) {
        boolean refused() {
            return waitFor != null;
        }
    }

    /**
     * Counts an attempt as failed before it is checked (so parallel attempts cannot all pass), unless the subject is
     * waiting out a delay: then nothing is counted and the answer says how long is left. An attempt that then succeeds
     * is {@link #refund refunded}.
     */
    Attempt reserve(Scope scope, String subject) {
        Instant now = now();
        Optional<Attempt> counted = jdbc.sql(RESERVE)
                .param("scope", scope.name())
                .param("subject", hash(subject))
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(scope.longest).plus(scope.memory)))
                .param("forgetBefore", Timestamp.from(now.minus(scope.memory)))
                .param("free", scope.free)
                .param("longest", scope.longest.toSeconds())
                .param("first", scope.first.toSeconds())
                .query((rs, row) -> new Attempt(
                        scope,
                        subject,
                        rs.getInt("failures"),
                        now,
                        instant(rs.getTimestamp("previous_last_failure")),
                        instant(rs.getTimestamp("previous_blocked_until")),
                        null))
                .optional();
        if (counted.isPresent()) {
            return counted.get();
        }
        // Waiting: say how long is left (a second if the delay ended in the meantime; the next attempt counts).
        Duration left = waiting(scope, subject, now).orElse(Duration.ofSeconds(1));
        return new Attempt(scope, subject, 0, now, null, null, left);
    }

    /**
     * A reserved attempt succeeded, so it was no failure: the subject is as it was before it — its count, its last
     * failure, and no delay of this attempt's making. (If other attempts were counted meanwhile, only this one is taken
     * off the count.)
     */
    void refund(Attempt attempt) {
        if (attempt.refused()) {
            return;
        }
        int undone = attempt.previousLastFailure() == null
                ? jdbc.sql("delete from throttle where scope = ? and subject = ? and failures = 1 and last_failure = ?")
                        .params(attempt.scope().name(), hash(attempt.subject()), Timestamp.from(attempt.at()))
                        .update()
                : jdbc.sql("""
                                update throttle set failures = failures - 1, last_failure = ?, blocked_until = ?
                                where scope = ? and subject = ? and failures = ? and last_failure = ?
                                """)
                        .params(
                                Timestamp.from(attempt.previousLastFailure()),
                                attempt.previousBlockedUntil() == null
                                        ? null
                                        : Timestamp.from(attempt.previousBlockedUntil()),
                                attempt.scope().name(),
                                hash(attempt.subject()),
                                attempt.failures(),
                                Timestamp.from(attempt.at()))
                        .update();
        if (undone == 0) {
            jdbc.sql("update throttle set failures = greatest(failures - 1, 0) where scope = ? and subject = ?")
                    .params(attempt.scope().name(), hash(attempt.subject()))
                    .update();
        }
    }

    /** Records a failure that was not {@link #reserve reserved} (the subject was checked without waiting). */
    void failed(Scope scope, String subject) {
        reserve(scope, subject);
    }

    /** How long the subject must still wait, if it must. */
    Optional<Duration> waiting(Scope scope, String subject) {
        return waiting(scope, subject, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it, so it compares equal
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Optional<Duration> waiting(Scope scope, String subject, Instant now) {
        return jdbc.sql("select blocked_until from throttle where scope = ? and subject = ? and blocked_until > ?")
                .params(scope.name(), hash(subject), Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /** The subject proved itself (a correct password): its failures are forgotten. */
    void clear(Scope scope, String subject) {
        jdbc.sql("delete from throttle where scope = ? and subject = ?")
                .params(scope.name(), hash(subject))
                .update();
    }

    /** Subjects not seen for their scope's memory are forgotten; several instances may do this at once. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.sql("delete from throttle where expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }

    /** SHA-256 of the subject as given (e-mail addresses lower-cased by the caller). */
    static byte[] hash(String subject) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((subject == null ? "" : subject).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
