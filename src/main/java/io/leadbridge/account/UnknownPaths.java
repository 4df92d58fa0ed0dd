package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule of the page chain: a path the application does not serve at all lets a signed-in person through, so
 * that they get the not-found page (404) rather than "Not for your role". A route that exists but is not named by a
 * rule before stays denied, and people who are not signed in are still sent to sign in first (no probing of routes).
 */
final class UnknownPaths {

    private UnknownPaths() {}

    static AuthorizationManager<RequestAuthorizationContext> notFoundForSignedIn(HandlerMappingIntrospector mvc) {
        return (authentication, context) -> {
            Authentication who = authentication.get();
            boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
            return new AuthorizationDecision(signedIn && !served(mvc, context.getRequest()));
        };
    }

    /**
     * Whether any handler but the static files (which answer every path, and 404 for a file that does not exist) would
     * take the request; a route that exists for another method counts as served.
     */
    private static boolean served(HandlerMappingIntrospector mvc, HttpServletRequest request) {
        boolean parsedBefore = ServletRequestPathUtils.hasParsedRequestPath(request);
        var previous = parsedBefore ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            for (HandlerMapping mapping : mvc.getHandlerMappings()) {
                HandlerExecutionChain chain = mapping.getHandler(request);
                if (chain != null && !(chain.getHandler() instanceof ResourceHttpRequestHandler)) {
                    return true;
                }
            }
            return false;
        } catch (Exception anotherMethodOrMediaType) {
            return true;
        } finally {
            if (parsedBefore) {
                ServletRequestPathUtils.setParsedRequestPath(previous, request);
            } else {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
