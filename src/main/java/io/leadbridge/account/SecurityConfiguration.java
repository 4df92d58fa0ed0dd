package io.leadbridge.account;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.session.ConcurrentSessionFilter;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Who may reach what. Every route needs a rule here: anything not named is denied, and {@code RouteAccessTests} fails
 * for a new route that has no expected access in its table.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The intake API: stateless, no session, no CSRF (no cookies are involved), no form login; the caller is the API
     * key and its tenant comes from the key only.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyManagement keys, Throttle throttle) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/v1/**")
                        .hasRole("API_CLIENT")
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, throttle), UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) ->
                                ApiProblems.write(response, 401, "Unauthorized", "Send a valid API key."))
                        .accessDeniedHandler((request, response, e) ->
                                ApiProblems.write(response, 403, "Forbidden", "This key may not use this endpoint.")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }

    /**
     * Swagger UI (the API document's pages) styles its elements inline, which the pages' policy forbids: on its own
     * paths only, inline styles are allowed. Scripts stay the application's own files, and every other page keeps the
     * strict policy.
     */
    static final String API_DOCUMENT_UI_POLICY =
            CONTENT_SECURITY_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");

    @Bean
    @Order(2)
    SecurityFilterChain apiDocumentUiFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_DOCUMENT_UI_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            Sessions sessions,
            SignIns signIns,
            TrustedBrowsers browsers,
            HandlerMappingIntrospector mvcHandlerMappingIntrospector)
            throws Exception {
        CookieRequestCache pageAskedFor = new CookieRequestCache();
        pageAskedFor.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
        http.authenticationManager(authenticationManager)
                // An async dispatch continues a request that was authorised when it began (the activity stream's
                // events); checked again after its person signed out, it could only fail on a response already sent.
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(
                                "/login",
                                "/login/workspace",
                                "/signup",
                                "/error",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/favicon.svg")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/marketing", "/marketing/**")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers("/sales", "/sales/**")
                        .hasRole(Role.SALES_REP.name())
                        .requestMatchers("/liaison", "/liaison/**")
                        .hasRole(Role.LIAISON.name())
                        .requestMatchers(HttpMethod.GET, "/criteria/propose")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name())
                        .requestMatchers(
                                HttpMethod.POST,
                                "/criteria/proposals",
                                "/criteria/drafts/*/discard",
                                "/criteria/versions/*/approve",
                                "/criteria/versions/*/decline",
                                "/criteria/versions/*/withdraw")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name())
                        .requestMatchers("/criteria", "/criteria/**")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name(), Role.LIAISON.name())
                        .requestMatchers(HttpMethod.GET, "/funnel/propose")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name())
                        .requestMatchers(
                                HttpMethod.POST,
                                "/funnel/proposals",
                                "/funnel/versions/*/approve",
                                "/funnel/versions/*/decline",
                                "/funnel/versions/*/withdraw")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name())
                        .requestMatchers("/funnel", "/funnel/**")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name(), Role.LIAISON.name())
                        .requestMatchers("/leads/*/handoff")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers(HttpMethod.POST, "/leads/*/accept", "/leads/*/reject")
                        .hasRole(Role.SALES_REP.name())
                        .requestMatchers(HttpMethod.POST, "/leads/*/reassign")
                        .hasAnyRole(Role.MARKETER.name(), Role.LIAISON.name())
                        .requestMatchers(HttpMethod.GET, "/activity", "/activity/stream")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/goals")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/goals")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/leads/*/comments")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name(), Role.LIAISON.name())
                        .requestMatchers(HttpMethod.POST, "/leads/*/dispute")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers(HttpMethod.POST, "/leads/*/return", "/disputes/*/decision")
                        .hasRole(Role.LIAISON.name())
                        .requestMatchers(HttpMethod.GET, "/disputes/*")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name(), Role.LIAISON.name())
                        .requestMatchers(HttpMethod.POST, "/leads/*/stage")
                        .hasAnyRole(Role.MARKETER.name(), Role.SALES_REP.name(), Role.LIAISON.name())
                        .requestMatchers("/notifications", "/notifications/**")
                        .authenticated()
                        .requestMatchers("/account/notifications")
                        .authenticated()
                        .requestMatchers("/leads/import", "/leads/import/**", "/leads/export")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers(HttpMethod.GET, "/leads/new", "/leads/*/edit")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers(HttpMethod.POST, "/leads", "/leads/*")
                        .hasRole(Role.MARKETER.name())
                        .requestMatchers(HttpMethod.GET, "/leads", "/leads/*")
                        .authenticated()
                        .requestMatchers("/")
                        .authenticated()
                        .anyRequest()
                        .access(UnknownPaths.notFoundForSignedIn(mvcHandlerMappingIntrospector)))
                .formLogin(form -> form.loginPage("/login")
                        .authenticationDetailsSource(new SignInDetails.Source())
                        .successHandler(SignInOutcomes.succeeded(browsers, pageAskedFor))
                        .failureHandler(SignInOutcomes.failed(signIns))
                        .permitAll())
                .logout(logout ->
                        logout.logoutUrl("/logout").addLogoutHandler(sessions).logoutSuccessUrl("/login?logout"))
                .securityContext(context -> context.securityContextRepository(securityContextRepository()))
                // A stranger's pages create no session (ADR 0030): the sign-in and sign-up forms' token, and the page a
                // stranger asked for before signing in, are kept in cookies until there is a session.
                .csrf(csrf -> csrf.csrfTokenRepository(new CsrfTokens()))
                .requestCache(cache -> cache.requestCache(pageAskedFor))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterAt(new SessionConfiguration.EndedSessionFilter(), ConcurrentSessionFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The only authentication manager: the throttled password check. No parent manager, so a throttled attempt can
     * never fall through to another provider.
     */
    @Bean
    AuthenticationManager authenticationManager(
            LoginAccounts accounts, PasswordEncoder passwordEncoder, Throttle throttle, TrustedBrowsers browsers) {
        return new ProviderManager(new PasswordSignIn(accounts, passwordEncoder, throttle, browsers));
    }

    /**
     * A request Spring Security's firewall refuses (a control character in a header, an encoded slash or a double dot
     * in the path): a 400, as a problem under {@code /api/} like every API answer.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                ApiProblems.write(
                        response,
                        400,
                        "Bad Request",
                        "The request was refused: its path or a header holds characters that are not allowed (such as"
                                + " control characters).");
            } else {
                response.sendError(400);
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                "argon2",
                Map.of(
                        "argon2",
                        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }
}
