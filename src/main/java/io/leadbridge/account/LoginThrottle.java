package io.leadbridge.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Refuses sign-in for 15 minutes after 5 failed attempts within 15 minutes. Counted per account <em>and</em> client
 * address, so someone elsewhere cannot lock a real person out; the account need not exist, so the answer never reveals
 * whether it does.
 *
 * <p>Kept in this instance's memory (bounded): with several instances behind a load balancer, each counts on its own.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Map<Key, Attempts> attempts = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean isLocked(String email, String clientAddress) {
        Attempts entry = attempts.get(new Key(email, clientAddress));
        return entry != null && entry.lockedAt(clock.instant());
    }

    void failed(String email, String clientAddress) {
        Instant now = clock.instant();
        if (attempts.size() >= MAX_TRACKED) {
            attempts.values().removeIf(a -> a.expired(now));
        }
        attempts.computeIfAbsent(new Key(email, clientAddress), k -> new Attempts())
                .fail(now);
    }

    void succeeded(String email, String clientAddress) {
        attempts.remove(new Key(email, clientAddress));
    }

    private record Key(String email, String clientAddress) {
        Key {
            email = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            clientAddress = clientAddress == null ? "" : clientAddress;
        }
    }

    private static final class Attempts {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized void fail(Instant now) {
            if (lockedAt(now)) {
                return;
            }
            failures.addLast(now);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(WINDOW))) {
                failures.removeFirst();
            }
            if (failures.size() >= MAX_FAILURES) {
                lockedUntil = now.plus(LOCKOUT);
                failures.clear();
            }
        }

        synchronized boolean lockedAt(Instant now) {
            return now.isBefore(lockedUntil);
        }

        synchronized boolean expired(Instant now) {
            return !lockedAt(now) && (failures.isEmpty() || !failures.peekLast().isAfter(now.minus(WINDOW)));
        }
    }
}
