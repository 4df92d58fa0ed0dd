package io.leadbridge.account;

import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer lb_…} on the API. A missing, unknown, wrong or revoked key gets a 401
 * problem answer; the same for all of them.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyManagement keys;

    ApiKeyAuthenticationFilter(ApiKeyManagement keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        var client = keys.authenticate(presented);
        if (client.isEmpty()) {
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
