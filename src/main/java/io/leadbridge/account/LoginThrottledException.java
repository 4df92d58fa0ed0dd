package io.leadbridge.account;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Sign-in refused for a while after too many failed attempts; {@link #waitFor()} says how long. */
class LoginThrottledException extends AuthenticationException {

    private final Duration waitFor;

    LoginThrottledException(Duration waitFor) {
        super("Too many failed sign-in attempts; try again in " + waitFor.toSeconds() + " s");
        this.waitFor = waitFor;
    }

    Duration waitFor() {
        return waitFor;
    }
}
