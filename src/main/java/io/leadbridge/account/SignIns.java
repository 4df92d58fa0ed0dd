package io.leadbridge.account;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
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
    /** The cookie that carries a failed attempt's e-mail address to the sign-in form shown next. */
    static final String FAILED_EMAIL_COOKIE = "LB-SIGNIN-EMAIL";

    static final Duration FAILED_EMAIL_TIME = Duration.ofMinutes(2);
    private static final int MAX_EMAIL = 320;

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
     * Kept for the next page only, not in the address, so it does not land in logs or history; and in a cookie of its
     * own (HttpOnly, SameSite=Lax, sent to the sign-in pages only, for {@link #FAILED_EMAIL_TIME}), not in a session,
     * so a failed attempt creates no session row (ADR 0030): a stranger's wrong guesses cost the database nothing.
     */
    void rememberFailedEmail(HttpServletRequest request, HttpServletResponse response) {
        String email = request.getParameter("username");
        if (email != null && !email.isBlank() && email.length() <= MAX_EMAIL) {
            String value = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(email.strip().getBytes(StandardCharsets.UTF_8));
            response.addHeader(HttpHeaders.SET_COOKIE, failedEmailCookie(request, value, FAILED_EMAIL_TIME));
        }
    }

    /**
     * The e-mail address of the last failed attempt in this browser, once: the cookie is cleared as it is read. A
     * cookie this application did not write (too long, not Base64, not text) answers nothing.
     */
    public String failedEmail(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (FAILED_EMAIL_COOKIE.equals(cookie.getName())) {
                response.addHeader(HttpHeaders.SET_COOKIE, failedEmailCookie(request, "", Duration.ZERO));
                return decodedEmail(cookie.getValue());
            }
        }
        return null;
    }

    private static String decodedEmail(String value) {
        if (value == null || value.isEmpty() || value.length() > 2_000) {
            return null;
        }
        try {
            String email = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(value)))
                    .toString();
            return email.isBlank()
                            || email.length() > MAX_EMAIL
                            || email.chars().anyMatch(Character::isISOControl)
                    ? null
                    : email;
        } catch (IllegalArgumentException | CharacterCodingException notOurs) {
            return null;
        }
    }

    private static String failedEmailCookie(HttpServletRequest request, String value, Duration lifetime) {
        return ResponseCookie.from(FAILED_EMAIL_COOKIE, value)
                .path("/login")
                .maxAge(lifetime)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build()
                .toString();
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
