package io.leadbridge.account;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC; V32): a restart signs nobody out, and every instance serves every
 * signed-in person. A session is indexed by its person's {@linkplain #principalKey workspace and account}, not by the
 * e-mail address (which may have accounts in several workspaces), so the workspace can end exactly one person's
 * sessions on every instance ({@link Sessions}).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** The session attribute that marks a session the workspace ended: its next request signs out. */
    static final String ENDED = SessionConfiguration.class.getName() + ".ended";

    /** A person's key in the sessions' principal index. */
    static String principalKey(UUID tenantId, long accountId) {
        return tenantId + "/" + accountId;
    }

    @Bean
    IndexResolver<Session> sessionPrincipalIndex() {
        return session -> {
            SecurityContext context =
                    session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            Authentication authentication = context == null ? null : context.getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedInAccount account) {
                return Map.of(
                        FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                        principalKey(account.tenantId(), account.accountId()));
            }
            return Map.of();
        };
    }

    /**
     * Spring Session's own view of the application's pool: the same connections, but a data source of its own, so that
     * its work never joins the transaction the request may have open. A response can be committed (and with it the
     * session written) while a transaction runs, e.g. as an export streams; on the application's data source Spring
     * Session would take that transaction's connection — read-only, or the business's own.
     */
    @Bean(defaultCandidate = false)
    @SpringSessionDataSource
    DataSource springSessionDataSource(DataSource dataSource) {
        return new DelegatingDataSource(dataSource);
    }

    /**
     * Spring Session's own transactions: plain JDBC on its data source. The application's JPA transactions are each in
     * one workspace (they set it for row-level security) and refuse to begin without one, while a session is read
     * before anyone in it is known. Named so that Spring Session takes it ({@code JdbcHttpSessionConfiguration}), and
     * no default candidate, so that nothing else that wants transactions by type (Boot's own template) gets these.
     *
     * <p>Only a save, which writes the session's row and its attributes, runs in a transaction ({@link
     * LeanSessions#writing()}). Every other call is one statement — the read of a session, the look-up by person, a
     * delete, the clean-up of expired sessions — and runs on its own, without the {@code BEGIN} and {@code COMMIT}
     * around it: measured on the queue, the read's transaction made its three statements 18.8 % of the page's database
     * work.
     */
    @Bean(defaultCandidate = false)
    TransactionOperations springSessionTransactionOperations(@SpringSessionDataSource DataSource sessions) {
        TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(sessions));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionOperations single = TransactionOperations.withoutTransaction();
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return LeanSessions.writing() ? transactions.execute(action) : single.execute(action);
            }
        };
    }

    /** Attributes are written with {@code INSERT … ON CONFLICT}: two requests of one session may set one at once. */
    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessions() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    /**
     * Spring Session's repository answers the filter's look-up right after a save from the session just saved, not
     * with a second read of the database, and writes it only when something in it changed ({@link LeanSessions}).
     */
    @Bean
    static BeanPostProcessor leanSessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository repository ? new LeanSessions<>(repository) : bean;
            }
        };
    }

    /**
     * Around Spring Session's filter (one step further out): the session a request saved never answers a look-up of a
     * later request on the same thread ({@link LeanSessions#forget()}).
     */
    @Bean
    FilterRegistrationBean<Filter> leanSessionsPerRequest(SessionRepository<?> repository) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            LeanSessions<?> lean = repository instanceof LeanSessions<?> l ? l : null;
            if (lean != null) {
                lean.forget();
            }
            try {
                chain.doFilter(request, response);
            } finally {
                if (lean != null) {
                    lean.forget();
                }
            }
        });
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    /**
     * Session attributes in a compact form where one is known: the security context and the CSRF token that every
     * signed-in session's read joins on every request ({@link SessionAttributeBytes}); the rest in Java serialization.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> compactAttributes() {
        return repository -> repository.setConversionService(
                SessionAttributeBytes.conversionService(SessionConfiguration.class.getClassLoader()));
    }

    /** How often at most a session's last access is written when nothing else about it changed. */
    static final java.time.Duration LAST_ACCESS_STEP = java.time.Duration.ofMinutes(1);

    /**
     * A session's row is written only when something in it changed or its last access moved by a {@link
     * #LAST_ACCESS_STEP} or more. Spring Session sets the last access on every request and then writes the row, so
     * every page view was an {@code UPDATE} — and the requests of one person at once (a page and its fragments, a live
     * stream's reconnect) waited on each other's row lock. The statement is Spring Session's own with the same
     * parameters in the same order, and a condition: a row it leaves alone is neither written nor locked. The price: a
     * session ends up to a step before its idle timeout would have ended it to the second (Spring Session keeps every
     * access, as {@code HttpSession}'s contract asks — spring-session#1065; this is the trade-off others make on top of
     * it, spring-session#3329).
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> lastAccessInSteps() {
        String update = """
                UPDATE %%TABLE_NAME%% AS s
                SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
                    MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
                    PRINCIPAL_NAME = v.principal_name
                FROM (SELECT CAST(? AS varchar) AS session_id, CAST(? AS bigint) AS last_access_time,
                             CAST(? AS integer) AS max_inactive_interval, CAST(? AS bigint) AS expiry_time,
                             CAST(? AS varchar) AS principal_name, CAST(? AS char(36)) AS primary_id) AS v
                WHERE s.PRIMARY_ID = v.primary_id
                  AND (s.LAST_ACCESS_TIME <= v.last_access_time - %d OR s.SESSION_ID <> v.session_id
                       OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
                       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name)
                """.formatted(LAST_ACCESS_STEP.toMillis());
        return repository -> repository.setUpdateSessionQuery(update);
    }

    /**
     * The next request of a session the workspace ended (its person deactivated, or their roles changed) signs out and
     * goes to the sign-in page, which says why. The mark is read from the session the request has loaded anyway, so
     * this costs no query.
     */
    static final class EndedSessionFilter extends OncePerRequestFilter {

        private final SecurityContextLogoutHandler signOut = new SecurityContextLogoutHandler();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(ENDED) != null) {
                signOut.logout(request, response, null);
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
