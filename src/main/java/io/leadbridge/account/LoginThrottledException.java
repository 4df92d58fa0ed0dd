package io.leadbridge.account;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused for a while after too many failed attempts. */
class LoginThrottledException extends AuthenticationException {

    LoginThrottledException() {
        super("Too many failed sign-in attempts; try again later");
    }
}
