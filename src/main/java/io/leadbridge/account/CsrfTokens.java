package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where a CSRF token is kept: in the session when there is one (every signed-in page), and in a cookie of its own
 * ({@value #COOKIE}) for a stranger, who has none. A stranger's {@code GET /login} or {@code /signup} then creates no
 * session row: before this, the token a sign-in or sign-up form carries made a session for every cookie-less request,
 * and anyone could grow the session table with plain GETs.
 *
 * <p>A stranger's form post is checked as before, against a token the server issued and the browser sends back: the
 * form's field must match the cookie (the double-submit pattern). A cross-site page can neither read that cookie
 * ({@code HttpOnly}) nor make the browser send it ({@code SameSite=Lax} withholds it from cross-site posts), nor set
 * it — except from a sibling subdomain, which could as well set a session cookie of its own choosing, the risk the
 * session-kept token had too. The form's field is masked per response (Spring Security's default XOR handler). A
 * successful sign-in ends the stranger's token (Spring Security's {@code CsrfAuthenticationStrategy} saves none, which
 * clears the cookie), and the signed-in session gets a token of its own.
 */
final class CsrfTokens implements CsrfTokenRepository {

    static final String COOKIE = "LB-CSRF";

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

    CsrfTokens() {
        cookies.setCookieName(COOKIE);
        // The same header and field names as the session's tokens, so a page cannot tell where its token is kept.
        cookies.setHeaderName(sessions.generateToken(null).getHeaderName());
        cookies.setParameterName(sessions.generateToken(null).getParameterName());
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            sessions.saveToken(token, request, response);
        }
        if (session == null || (token == null && cookies.loadToken(request) != null)) {
            cookies.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        CsrfToken kept = session != null ? sessions.loadToken(request) : null;
        return kept != null ? kept : cookies.loadToken(request);
    }
}
