package io.leadbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A browser's session as the application keeps it: in PostgreSQL (Spring Session), named by the {@value #COOKIE}
 * cookie. MockMvc's own session objects play no part, so a test carries the cookie from answer to request as a browser
 * does, and reads what the session holds from the database.
 */
@TestComponent
public class BrowserSessions {

    public static final String COOKIE = "SESSION";

    private final SessionRepository<? extends Session> sessions;

    BrowserSessions(SessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** The session cookie the browser holds after this answer: the one it set, else the one the request sent. */
    public static Cookie cookie(MvcResult result) {
        Cookie set = result.getResponse().getCookie(COOKIE);
        if (set != null) {
            return set;
        }
        return Optional.ofNullable(result.getRequest().getCookies()).stream()
                .flatMap(Arrays::stream)
                .filter(cookie -> cookie.getName().equals(COOKIE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No session cookie"));
    }

    /**
     * A browser that already holds a session in which nobody is signed in (as one does after a form that keeps
     * something between pages), stored as the application stores sessions. A stranger's plain pages make none (ADR
     * 0030), so a test that needs one asks for it here.
     */
    @SuppressWarnings("unchecked")
    public Cookie newSession() {
        SessionRepository<Session> store = (SessionRepository<Session>) sessions;
        Session session = store.createSession();
        store.save(session);
        return new Cookie(
                COOKIE, Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends the session cookie, as the browser does with every request. */
    public static RequestPostProcessor with(Cookie session) {
        return request -> {
            request.setCookies(new Cookie(COOKIE, session.getValue()));
            return request;
        };
    }

    /** The session's id, as the cookie names it. */
    public static String id(Cookie session) {
        return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
    }

    /** Who the session is signed in as, if anyone. */
    public Optional<Authentication> signedIn(Cookie session) {
        Session stored = sessions.findById(id(session));
        if (stored == null) {
            return Optional.empty();
        }
        SecurityContext context = stored.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return Optional.ofNullable(context).map(SecurityContext::getAuthentication);
    }

    /** After this answer the browser's session is signed in, with exactly these roles if any are named. */
    public ResultMatcher signedIn(String... roles) {
        return result -> {
            Authentication authentication = result.getResponse().getCookie(COOKIE) == null
                            && (result.getRequest().getCookies() == null)
                    ? null
                    : signedIn(cookie(result)).orElse(null);
            assertThat(authentication).as("signed in").isNotNull();
            if (roles.length > 0) {
                List<String> granted = authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
                assertThat(granted)
                        .containsExactlyInAnyOrderElementsOf(
                                Arrays.stream(roles).map(role -> "ROLE_" + role).toList());
            }
        };
    }

    /** After this answer the browser is signed in to nothing (it has no session, or one without anyone in it). */
    public ResultMatcher signedOut() {
        return result -> {
            boolean hasCookie = result.getResponse().getCookie(COOKIE) != null
                    || (result.getRequest().getCookies() != null
                            && Arrays.stream(result.getRequest().getCookies())
                                    .anyMatch(cookie -> cookie.getName().equals(COOKIE)));
            if (hasCookie) {
                assertThat(signedIn(cookie(result))).as("signed in as").isEmpty();
            }
        };
    }
}
