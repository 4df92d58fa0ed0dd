package io.leadbridge.account;

import io.leadbridge.account.Throttle.Attempt;
import io.leadbridge.account.Throttle.Scope;
import io.leadbridge.text.PlainTexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in with e-mail and password, throttled ({@link Throttle}). The password is checked against the accounts of the
 * address (it may have one in several workspaces); one match signs in, several ask which workspace ({@link
 * WorkspaceChoiceRequired}). Unknown e-mail, wrong password and deactivated account get the same answer, in about the
 * same time.
 *
 * <ul>
 *   <li>From a browser that signed in to some of these accounts before, only those accounts are asked, and only that
 *       browser's failures count: a stranger's guesses elsewhere do not keep their owner out, and that browser's trust
 *       helps with no other account.
 *   <li>Otherwise the attempt is counted for the e-mail address across all client addresses before the password is
 *       checked, and taken back only if it was right — a correct password of one account never wipes out the failures
 *       counted against another account of the same address. A failure also counts for the client address.
 * </ul>
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
        String address = ClientAddresses.subject(details.address());

        if (email.length() > MAX_EMAIL || password.length() > MAX_PASSWORD || !PlainTexts.singleLine(email)) {
            throttle.failed(Scope.SIGN_IN_ADDRESS, address);
            throw new BadCredentialsException("Bad credentials");
        }
        List<SignedInAccount> candidates = accounts.find(email, details.workspace());
        Set<Long> trusted = browsers.accounts(details.browserToken());
        List<SignedInAccount> trustedCandidates =
                candidates.stream().filter(a -> trusted.contains(a.accountId())).toList();
        if (!trustedCandidates.isEmpty()) {
            return fromTrustedBrowser(trustedCandidates, password, details.browserToken());
        }

        Optional<Duration> addressWaits = throttle.waiting(Scope.SIGN_IN_ADDRESS, address);
        if (addressWaits.isPresent()) {
            throw new LoginThrottledException(addressWaits.get());
        }
        Attempt attempt = throttle.reserve(Scope.SIGN_IN_ACCOUNT, accounts.key(email));
        if (attempt.refused()) {
            throw new LoginThrottledException(attempt.waitFor());
        }
        if (candidates.isEmpty()) {
            passwords.matches(password, unknownAccountHash()); // the same time for an unknown address
        }
        List<SignedInAccount> opened = opened(candidates, password);
        if (opened.isEmpty()) {
            throttle.failed(Scope.SIGN_IN_ADDRESS, address);
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.refund(attempt);
        return signedIn(opened);
    }

    private Authentication fromTrustedBrowser(List<SignedInAccount> trusted, String password, String token) {
        Attempt attempt = throttle.reserve(Scope.SIGN_IN_BROWSER, token);
        if (attempt.refused()) {
            throw new LoginThrottledException(attempt.waitFor());
        }
        List<SignedInAccount> opened = opened(trusted, password);
        if (opened.isEmpty()) {
            if (attempt.failures() >= TrustedBrowsers.MAX_FAILURES) {
                browsers.forget(token); // from now on throttled by account and address
            }
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.clear(Scope.SIGN_IN_BROWSER, token);
        return signedIn(opened);
    }

    /** The active accounts the password opens. */
    private List<SignedInAccount> opened(List<SignedInAccount> candidates, String password) {
        List<SignedInAccount> opened = new ArrayList<>();
        for (SignedInAccount candidate : candidates) {
            if (passwords.matches(password, candidate.getPassword()) && candidate.isEnabled()) {
                opened.add(candidate);
            }
        }
        return opened;
    }

    private static Authentication signedIn(List<SignedInAccount> opened) {
        opened.forEach(SignedInAccount::eraseCredentials);
        if (opened.size() > 1) {
            throw new WorkspaceChoiceRequired(opened);
        }
        SignedInAccount account = opened.get(0);
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
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
