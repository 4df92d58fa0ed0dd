package io.leadbridge.config;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The management server (management.server.port, on this machine only by default) answers without a session: a scraper
 * has none. Boot's child context for that server runs the application's own Spring Security filter, so without this
 * chain the pages' chain would send Prometheus to the sign-in page. This chain comes first and takes every request that
 * arrives at the management server, whatever its path ({@code EndpointRequest.toAnyEndpoint()} would take only the
 * endpoints' paths and let any other path there fall through to the pages' chain); a request to the public port never
 * matches it.
 */
@Configuration(proxyBeanMethods = false)
class ManagementServerSecurity {

    static final String NAMESPACE = "management";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementServerFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(ManagementServerSecurity::atManagementServer)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    /** The request came in through the management server: its servlet context belongs to Boot's child context. */
    static boolean atManagementServer(HttpServletRequest request) {
        WebApplicationContext context =
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && NAMESPACE.equals(WebServerApplicationContext.getServerNamespace(context));
    }
}
