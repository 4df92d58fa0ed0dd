package io.leadbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address people and API clients reach LeadBridge at ({@code leadbridge.public-base-url}, e.g.
 * {@code https://leadbridge.example.com}; empty by default), for whatever needs an absolute URL: redirects and the API
 * document's server. Never taken from the request, whose {@code Host} header is whatever the client (or a proxy passing
 * it on) sent. Without it, redirects stay relative (Tomcat's {@code server.tomcat.use-relative-redirects}) and so does
 * the API document's server.
 */
@Component
public class PublicBaseUrl {

    private final String value;

    public PublicBaseUrl(@Value("${leadbridge.public-base-url:}") String configured) {
        this.value = normalized(configured);
    }

    /** The configured address, without a trailing slash; empty when none is set. */
    public Optional<String> value() {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A path from the root ({@code /login}) as the address to send people to: absolute when one is configured. */
    public String resolve(String path) {
        return value + path;
    }

    static String normalized(String configured) {
        String url = configured == null ? "" : configured.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.isEmpty()) {
            return url;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid(configured);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw invalid(configured);
        }
        return url;
    }

    private static IllegalStateException invalid(String configured) {
        return new IllegalStateException("leadbridge.public-base-url must be an http(s) address such as "
                + "https://leadbridge.example.com (a path is allowed, a query is not), not '" + configured + "'");
    }

    /** With an address configured, every redirect to a path of the application goes to that address. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> absoluteRedirects() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new AbsoluteRedirects(this));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(value().isPresent());
        return registration;
    }

    static final class AbsoluteRedirects extends OncePerRequestFilter {
        private final PublicBaseUrl base;

        AbsoluteRedirects(PublicBaseUrl base) {
            this.base = base;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, new Redirects(response, base));
        }
    }

    private static final class Redirects extends HttpServletResponseWrapper {
        private final PublicBaseUrl base;

        Redirects(HttpServletResponse response, PublicBaseUrl base) {
            super(response);
            this.base = base;
        }

        private String absolute(String location) {
            return location.startsWith("/") && !location.startsWith("//") ? base.resolve(location) : location;
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(absolute(location));
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            super.sendRedirect(absolute(location), clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int sc) throws IOException {
            super.sendRedirect(absolute(location), sc);
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            super.sendRedirect(absolute(location), sc, clearBuffer);
        }
    }
}
