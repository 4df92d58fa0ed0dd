package io.leadbridge.account;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import java.io.Serializable;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What a sign-in attempt brings besides e-mail and password: the client's address (the real one behind a trusted
 * proxy), the token of a browser the person signed in with before, and the workspace when the person signs in at a
 * workspace's own address ({@code /login?workspace=<slug>}).
 */
record SignInDetails(String address, String browserToken, String workspace) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final SignInDetails NONE = new SignInDetails("", null, null);

    /** Reads the details from the sign-in request. */
    static final class Source implements AuthenticationDetailsSource<HttpServletRequest, SignInDetails> {
        @Override
        public SignInDetails buildDetails(HttpServletRequest request) {
            String workspace = request.getParameter("workspace");
            return new SignInDetails(
                    request.getRemoteAddr(),
                    browserToken(request),
                    workspace == null || !workspace.matches("[a-z0-9-]{1,63}") ? null : workspace);
        }
    }

    static String browserToken(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (TrustedBrowsers.COOKIE.equals(cookie.getName())
                        && cookie.getValue() != null
                        && cookie.getValue().length() <= 64) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
