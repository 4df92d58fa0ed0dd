package io.leadbridge.lead.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload that announces more bytes than the limit is sent back to the import page with a message before anything
 * reads it: otherwise the first filter to ask for a parameter (the CSRF check) makes Tomcat parse the multipart body,
 * which fails on the size and ends in Tomcat's bare 413 page. The body is swallowed, not stored ({@code
 * server.tomcat.max-swallow-size}), so the browser sees the answer.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> importUploadLimit(MultipartProperties multipart) {
        long limit = multipart.getMaxRequestSize().toBytes();
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if ("POST".equals(request.getMethod()) && request.getContentLengthLong() > limit) {
                            response.sendRedirect(request.getContextPath() + "/leads/import?tooLarge");
                            return;
                        }
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/leads/import");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
