package io.leadbridge.config;

import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every line logged while a request is handled names the request ({@code requestId}) and, once the person or API key is
 * known, the workspace ({@code workspaceId}): both go to SLF4J's MDC, which Boot's structured logging
 * ({@code logging.structured.format.console}) writes into each JSON line. The request id is the caller's {@code
 * X-Request-Id} when it is sane (1 to 64 letters, digits, {@code . _ : -}; a load balancer's or a client's correlation
 * id), otherwise a new one; either way it is echoed in the response's {@code X-Request-Id}. The id is set before
 * anything else runs; the workspace right after Spring Security has read the session or the API key.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogContext {

    static final String HEADER = "X-Request-Id";
    static final String REQUEST_ID = "requestId";
    static final String WORKSPACE_ID = "workspaceId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String ATTRIBUTE = RequestLogContext.class.getName() + ".requestId";

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        var registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Workspaces> workspacesInLog() {
        var registration = new FilterRegistrationBean<>(new Workspaces());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static String requestIdOf(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** The request's id in the MDC and the response; the error page's dispatch keeps the same one. */
    static class RequestIds extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known : requestIdOf(request);
            request.setAttribute(ATTRIBUTE, id);
            if (!response.containsHeader(HEADER)) {
                response.setHeader(HEADER, id);
            }
            MDC.put(REQUEST_ID, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(REQUEST_ID);
                MDC.remove(WORKSPACE_ID);
            }
        }
    }

    /** The signed-in person's or API key's workspace in the MDC, once Spring Security has established it. */
    static class Workspaces extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CurrentTenant.id().ifPresent(id -> MDC.put(WORKSPACE_ID, id.toString()));
            chain.doFilter(request, response);
        }
    }
}
