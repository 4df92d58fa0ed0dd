package io.leadbridge.account;

import io.leadbridge.account.Throttle.Scope;
import io.leadbridge.text.PlainTexts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in with e-mail and password, throttled ({@link Throttle}): from a browser the person signed in with before,
 * that browser's failures count; otherwise the account's (across all addresses) and the client address's. The
 * password is checked against every account of the address (it may have one in several workspaces); one match signs
 * in, several ask which workspace ({@link WorkspaceChoiceRequired}). Unknown e-mail, wrong password and deactivated
 * account get the same answer, in about the same time.
 */
class PasswordSignIn implements AuthenticationProvider {

    /** Longer than any e-mail address (RFC 5321): refused before it is looked up or counted as an account. */
    static final int MAX_EMAIL = 254;
    /** Longer than any password the policy allows: refused before it is hashed. */
    static final int MAX_PASSWORD = 1024;

    private final LoginAccounts accounts;
    private final PasswordEncoder passwords;
    private final Throttle throttle;
    private final TrustedBrowsers browsers;
    private volatile String unknownAccountHash;

    PasswordSignIn(LoginAccounts accounts, PasswordEncoder passwords, Throttle throttle, TrustedBrowsers browsers) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.browsers = browsers;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email =
                authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        SignInDetails details = authentication.getDetails() instanceof SignInDetails d ? d : SignInDetails.NONE;

        if (email.length() > MAX_EMAIL || password.length() > MAX_PASSWORD || !PlainTexts.singleLine(email)) {
            reserve(List.of(new Subject(Scope.SIGN_IN_ADDRESS, details.address())));
            throw new BadCredentialsException("Bad credentials");
        }
        boolean trustedBrowser = browsers.trusted(details.browserToken(), email);
        List<Subject> subjects = trustedBrowser
                ? List.of(new Subject(Scope.SIGN_IN_BROWSER, details.browserToken()))
                : List.of(
                        new Subject(Scope.SIGN_IN_ADDRESS, details.address()),
                        new Subject(Scope.SIGN_IN_ACCOUNT, Throttle.email(email)));
        int failures = reserve(subjects);

        List<SignedInAccount> opened = new ArrayList<>();
        List<SignedInAccount> candidates = accounts.find(email, details.workspace());
        for (SignedInAccount candidate : candidates) {
            if (passwords.matches(password, candidate.getPassword()) && candidate.isEnabled()) {
                opened.add(candidate);
            }
        }
        if (candidates.isEmpty()) {
            passwords.matches(password, unknownAccountHash()); // the same time for an unknown address
        }
        if (opened.isEmpty()) {
            if (trustedBrowser && failures >= TrustedBrowsers.MAX_FAILURES) {
                browsers.forget(details.browserToken()); // from now on throttled by account and address
            }
            throw new BadCredentialsException("Bad credentials");
        }
        for (Subject subject : subjects) {
            if (subject.scope() == Scope.SIGN_IN_ADDRESS) {
                throttle.refund(subject.scope(), subject.key());
            } else {
                throttle.clear(subject.scope(), subject.key());
            }
        }
        if (opened.size() > 1) {
            opened.forEach(SignedInAccount::eraseCredentials);
            throw new WorkspaceChoiceRequired(opened);
        }
        SignedInAccount account = opened.get(0);
        account.eraseCredentials();
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
    }

    private record Subject(Scope scope, String key) {}

    /**
     * Counts the attempt in each scope, or refuses it (counting nothing) while any of them must wait; answers the
     * number of the attempt among the first scope's failures.
     */
    private int reserve(List<Subject> subjects) {
        List<Subject> reserved = new ArrayList<>();
        int first = 0;
        for (Subject subject : subjects) {
            Throttle.Attempt attempt = throttle.reserve(subject.scope(), subject.key());
            if (attempt.refused()) {
                reserved.forEach(r -> throttle.refund(r.scope(), r.key()));
                throw new LoginThrottledException(attempt.waitFor());
            }
            if (reserved.isEmpty()) {
                first = attempt.failures();
            }
            reserved.add(subject);
        }
        return first;
    }

    private String unknownAccountHash() {
        if (unknownAccountHash == null) {
            unknownAccountHash = passwords.encode("no account has this password hash");
        }
        return unknownAccountHash;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
