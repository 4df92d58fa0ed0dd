package io.leadbridge.account;

import io.leadbridge.account.Throttle.Scope;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer lb_…} on the API. A missing, unknown, wrong or revoked key gets a 401
 * problem answer; the same for all of them. A client address that presented wrong keys too often is answered 429 with
 * {@code Retry-After} before any key is looked at ({@link Throttle.Scope#API_KEY_ADDRESS}).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyManagement keys;
    private final Throttle throttle;

    ApiKeyAuthenticationFilter(ApiKeyManagement keys, Throttle throttle) {
        this.keys = keys;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        String address = ClientAddresses.subject(request.getRemoteAddr());
        Optional<Duration> wait = throttle.waiting(Scope.API_KEY_ADDRESS, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            ApiProblems.write(
                    response,
                    429,
                    "Too many requests",
                    "Too many requests with a wrong API key came from your address. Retry after " + seconds
                            + " seconds with a valid key.");
            return;
        }
        var client = keys.authenticate(presented);
        if (client.isEmpty()) {
            if (presented != null && !presented.isEmpty()) {
                throttle.failed(Scope.API_KEY_ADDRESS, address); // a guess; a missing key is none
            }
            ApiProblems.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Unauthorized",
                    "Send a valid, unrevoked API key as 'Authorization: Bearer lb_…'.");
            response.setHeader("WWW-Authenticate", "Bearer realm=\"LeadBridge API\"");
            return;
        }
        ApiClientPrincipal principal = ApiClientPrincipal.of(client.get());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            CurrentTenant.runAs(principal.tenantId(), () -> keys.noteUse(principal.keyId()));
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
