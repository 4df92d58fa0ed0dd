package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;

/** Where a sign-in attempt leads, and the trusted-browser cookie after a successful one. */
final class SignInOutcomes {

    private SignInOutcomes() {}

    /** Signed in: the browser is trusted for this person, then on to the page they asked for, or home. */
    static AuthenticationSuccessHandler succeeded(TrustedBrowsers browsers, RequestCache pageAskedFor) {
        SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();
        onwards.setRequestCache(pageAskedFor);
        onwards.setDefaultTargetUrl("/");
        onwards.setRedirectStrategy(new PathRedirectStrategy());
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof SignedInAccount account) {
                browsers.remember(request, response, java.util.List.of(account.accountId()));
            }
            onwards.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * Not signed in: back to the form with the reason (wrong e-mail or password; wait so long), or on to choose a
     * workspace when the password opened several.
     */
    static AuthenticationFailureHandler failed(SignIns signIns) {
        return new AuthenticationFailureHandler() {
            @Override
            public void onAuthenticationFailure(
                    HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                    throws IOException {
                String target;
                if (exception instanceof WorkspaceChoiceRequired choice) {
                    signIns.awaitChoice(request, choice.accounts());
                    target = "/login/workspace";
                } else if (exception instanceof LoginThrottledException throttled) {
                    signIns.rememberFailedEmail(request, response);
                    target = "/login?locked&wait="
                            + Math.max(1, (throttled.waitFor().toMillis() + 999) / 1000) + workspace(request);
                } else {
                    signIns.rememberFailedEmail(request, response);
                    target = "/login?error" + workspace(request);
                }
                response.sendRedirect(request.getContextPath() + target);
            }
        };
    }

    private static String workspace(HttpServletRequest request) {
        String workspace = request.getParameter("workspace");
        return workspace != null && workspace.matches("[a-z0-9-]{1,63}") ? "&workspace=" + workspace : "";
    }
}
