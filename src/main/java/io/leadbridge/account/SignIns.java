package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a person in to one workspace: after sign-up, and when their password opened accounts in several workspaces
 * and they chose one. The choice waits in the (not yet signed-in) session for {@link #CHOICE_TIME}; it holds the
 * workspaces the password opened, never the password.
 */
@Component
public class SignIns {

    static final Duration CHOICE_TIME = Duration.ofMinutes(5);
    private static final String PENDING = SignIns.class.getName() + ".choice";
    private static final String FAILED_EMAIL = SignIns.class.getName() + ".failedEmail";

    private final LoginAccounts accounts;
    private final SecurityContextRepository securityContexts;
    private final TrustedBrowsers browsers;
    private final Clock clock;

    SignIns(LoginAccounts accounts, SecurityContextRepository securityContexts, TrustedBrowsers browsers, Clock clock) {
        this.accounts = accounts;
        this.securityContexts = securityContexts;
        this.browsers = browsers;
        this.clock = clock;
    }

    /** A workspace the person may choose to sign in to. */
    public record Choice(UUID tenantId, String workspaceName) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** What the password proved: these accounts of this address, until then. */
    private record Pending(String email, List<Long> accountIds, List<Choice> choices, Instant until)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Keeps what the password proved until the person chooses, in a session with a new id (a session id someone else
     * planted before the password was typed must not carry the proof).
     */
    void awaitChoice(HttpServletRequest request, List<SignedInAccount> opened) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        List<Choice> choices = opened.stream()
                .map(a -> new Choice(a.tenantId(), a.getWorkspaceName()))
                .toList();
        List<Long> ids = opened.stream().map(SignedInAccount::accountId).toList();
        request.getSession()
                .setAttribute(
                        PENDING,
                        new Pending(
                                opened.get(0).getEmail(),
                                ids,
                                choices,
                                clock.instant().plus(CHOICE_TIME)));
    }

    /**
     * After a failed attempt: the e-mail address it was made with, for the form to show again (never the password).
     * Kept in the session for the next page only, not in the address, so it does not land in logs or history.
     */
    void rememberFailedEmail(HttpServletRequest request) {
        String email = request.getParameter("username");
        if (email != null && !email.isBlank() && email.length() <= 320) {
            request.getSession().setAttribute(FAILED_EMAIL, email.strip());
        }
    }

    /** The e-mail address of the last failed attempt in this session, once. */
    public String failedEmail(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(FAILED_EMAIL) instanceof String email)) {
            return null;
        }
        session.removeAttribute(FAILED_EMAIL);
        return email;
    }

    /** The workspaces the person's password opened a moment ago, if they are still to choose. */
    public List<Choice> choices(HttpServletRequest request) {
        return pending(request).map(Pending::choices).orElse(List.of());
    }

    /**
     * Signs the person in to the chosen workspace, if it is one of their choices and the account is still active
     * there; false if there is nothing (any more) to choose.
     */
    public boolean choose(HttpServletRequest request, HttpServletResponse response, UUID tenantId) {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty()
                || pending.get().choices().stream().noneMatch(c -> c.tenantId().equals(tenantId))) {
            return false;
        }
        request.getSession().removeAttribute(PENDING);
        Optional<SignedInAccount> account = accounts.find(pending.get().email(), null).stream()
                .filter(a -> pending.get().accountIds().contains(a.accountId()))
                .filter(a -> a.tenantId().equals(tenantId) && a.isEnabled())
                .findFirst();
        account.ifPresent(a -> {
            a.eraseCredentials();
            signIn(a, request, response);
            browsers.remember(request, response, List.of(a.accountId()));
        });
        return account.isPresent();
    }

    /** Signs the person in: a new session id, the security context saved in it. */
    public void signIn(SignedInAccount account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation across the sign-in
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContexts.saveContext(context, request, response);
    }

    private Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(pending.until())) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return Optional.of(pending);
    }
}
