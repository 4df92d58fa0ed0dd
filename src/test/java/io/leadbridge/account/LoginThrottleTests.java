package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-27T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void locksAfterFiveFailuresWithinFifteenMinutesForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jana@example.com", "10.0.0.1");
            clock.advance(Duration.ofMinutes(3));
        }
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isFalse();

        throttle.failed("JANA@example.com", "10.0.0.1");
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isTrue();

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isFalse();
    }

    @Test
    void failuresOlderThanFifteenMinutesNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jana@example.com", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15));
        throttle.failed("jana@example.com", "10.0.0.1");

        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isFalse();
    }

    @Test
    void countsPerAccountAndAddressAndForgetsOnSuccess() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jana@example.com", "10.0.0.1");
        }
        throttle.failed("jana@example.com", "10.0.0.2");
        throttle.failed("max@example.com", "10.0.0.1");
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isFalse();

        throttle.succeeded("jana@example.com", "10.0.0.1");
        throttle.failed("jana@example.com", "10.0.0.1");
        assertThat(throttle.isLocked("jana@example.com", "10.0.0.1")).isFalse();
    }
}
