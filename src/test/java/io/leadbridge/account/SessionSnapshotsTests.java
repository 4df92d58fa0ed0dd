package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.support.IntegrationTest;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database: the application's own session repository ("first") and a second one built here as
 * another instance builds it, with its own snapshots and its own listening connection ("second"), on a data source that
 * counts the statements it sends. A session the second read once is served without a statement; one signed out, ended
 * or given a new id on the first is refused on the second as soon as the notification arrives, well before its snapshot
 * would have expired; while the second's listening connection is down, every look-up reads the database.
 */
@IntegrationTest
class SessionSnapshotsTests {

    @Autowired
    SessionRepository<? extends Session> first;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Sessions sessions;

    @Autowired
    IndexResolver<Session> principalIndex;

    private final AtomicLong statements = new AtomicLong();
    private LeanSessions<?> second;
    private SessionEvictions secondListening;

    @BeforeEach
    void startTheSecondInstance() {
        DataSource counting = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare")
                                    || method.getName().equals("createStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(
                new JdbcTemplate(counting), new TransactionTemplate(new JdbcTransactionManager(counting)));
        repository.setConversionService(
                SessionAttributeBytes.conversionService(getClass().getClassLoader()));
        repository.setIndexResolver(principalIndex);
        new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
        second = new LeanSessions<>(repository);
        secondListening = new SessionEvictions(second.snapshots(), dataSource, counting);
        secondListening.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.snapshots().serving());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((LeanSessions<?>) first).snapshots().serving());
    }

    @AfterEach
    void stopIt() {
        secondListening.stop();
    }

    /** A repository with its session type captured, so a session it made can be handed back to it. */
    private record Instance<S extends Session>(SessionRepository<S> repository) {
        /** What the end of a request does: the session it saved answers no later look-up on this thread. */
        private void requestEnds() {
            if (repository instanceof LeanSessions<?> lean) {
                lean.forget();
            }
        }

        String create(String name, Object value) {
            S session = repository.createSession();
            session.setAttribute(name, value);
            repository.save(session);
            requestEnds();
            return session.getId();
        }

        Session find(String id) {
            return repository.findById(id);
        }

        /** A request that changes the session: read, change, save. */
        String change(String id, java.util.function.Consumer<Session> change) {
            S session = repository.findById(id);
            change.accept(session);
            repository.save(session);
            requestEnds();
            return session.getId();
        }

        void pageView(String id, Instant at) {
            S session = repository.findById(id);
            session.setLastAccessedTime(at);
            repository.save(session);
            requestEnds();
        }
    }

    private Instance<?> first() {
        return new Instance<>(first);
    }

    private Instance<?> second() {
        return new Instance<>(second);
    }

    /** Read once on the second: its snapshot is made (the first look-up's statement). */
    private Instant readOnSecond(String id) {
        Instant at = Instant.now();
        assertThat(second().find(id)).isNotNull();
        return at;
    }

    @Test
    void aSessionReadOnceIsServedFromItsSnapshotWithoutAStatementAndEachRequestGetsItsOwnCopy() {
        String id = first().create("notes", new ArrayList<>(List.of("kept")));

        long before = statements.get();
        Session read = second().find(id);
        assertThat(statements.get() - before).isEqualTo(1);
        assertThat(read.<List<String>>getAttribute("notes")).containsExactly("kept");

        before = statements.get();
        Session served = second().find(id);
        List<String> notes = served.getAttribute("notes");
        assertThat(notes).containsExactly("kept");
        notes.add("changed in place by one request");
        assertThat(second().find(id).<List<String>>getAttribute("notes")).containsExactly("kept");
        assertThat(statements.get() - before).isZero();
    }

    @Test
    void aSessionSignedOutOnOneInstanceIsRefusedOnTheOtherAsSoonAsTheNotificationArrives() {
        String id = first().create("note", "signed in");
        Instant snapshotMade = readOnSecond(id);
        assertThat(second().find(id)).isNotNull();

        first.deleteById(id);

        await().atMost(Duration.ofSeconds(5)).until(() -> second().find(id) == null);
        assertThat(Duration.between(snapshotMade, Instant.now())).isLessThan(SessionSnapshots.LIFETIME);
    }

    @Test
    void aPersonsSessionsEndedOnOneInstanceAreEndedOnTheOther() {
        SignedInAccount account = new SignedInAccount(
                4242L,
                UUID.randomUUID(),
                "Snapshots",
                "rita@snapshots.example",
                "Rita",
                Set.of(Role.SALES_REP),
                true,
                null);
        String id = first().create(
                        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                        new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                                account, null, account.getAuthorities())));
        Instant snapshotMade = readOnSecond(id);
        assertThat(second().find(id).<Object>getAttribute(SessionConfiguration.ENDED))
                .isNull();

        // What deactivating the person or changing their roles does.
        sessions.endAllOf(account.tenantId(), account.accountId());

        await().atMost(Duration.ofSeconds(5))
                .until(() -> second().find(id).getAttribute(SessionConfiguration.ENDED) != null);
        assertThat(Duration.between(snapshotMade, Instant.now())).isLessThan(SessionSnapshots.LIFETIME);
    }

    @Test
    void aSessionGivenANewIdOnOneInstanceIsNotFoundByItsOldIdOnTheOther() {
        String id = first().create("note", "before sign-in");
        Instant snapshotMade = readOnSecond(id);

        String changed = first().change(id, Session::changeSessionId);

        assertThat(changed).isNotEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> second().find(id) == null);
        assertThat(Duration.between(snapshotMade, Instant.now())).isLessThan(SessionSnapshots.LIFETIME);
        assertThat(second().find(changed).<String>getAttribute("note")).isEqualTo("before sign-in");
    }

    @Test
    void anAttributeChangedOnOneInstanceIsSeenOnTheOther() {
        String id = first().create("note", "one");
        readOnSecond(id);

        first().change(id, session -> session.setAttribute("note", "two"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> "two".equals(second().find(id).getAttribute("note")));
    }

    @Test
    void aChangeMadeOnTheInstanceThatServesTheSnapshotIsWrittenAndSeenAtOnce() {
        String id = first().create("note", "one");
        readOnSecond(id);
        assertThat(second().find(id)).isNotNull();

        second().change(id, session -> session.setAttribute("note", "two"));

        assertThat(second().find(id).<String>getAttribute("note")).isEqualTo("two");
        assertThat(first().find(id).<String>getAttribute("note")).isEqualTo("two");
    }

    @Test
    void theLastAccessIsStillWrittenOnceAStepWhenTheSessionIsServedFromItsSnapshot() {
        String id = first().create("note", "kept");
        long stored = lastAccess(id);
        readOnSecond(id);

        second().pageView(id, Instant.ofEpochMilli(stored).plusSeconds(30));
        assertThat(lastAccess(id)).isEqualTo(stored);

        second().pageView(
                        id,
                        Instant.ofEpochMilli(stored)
                                .plus(SessionConfiguration.LAST_ACCESS_STEP)
                                .plusSeconds(1));
        assertThat(lastAccess(id)).isEqualTo(stored + SessionConfiguration.LAST_ACCESS_STEP.toMillis() + 1000);
    }

    @Test
    void whileTheListeningConnectionIsDownEveryLookUpReadsTheDatabase() {
        String id = first().create("note", "kept");
        readOnSecond(id);
        long before = statements.get();
        second().find(id);
        assertThat(statements.get() - before).isZero();

        secondListening.breakConnection();
        await().atMost(Duration.ofSeconds(5)).until(() -> !second.snapshots().serving());

        before = statements.get();
        second().find(id);
        second().find(id);
        assertThat(statements.get() - before).isEqualTo(2);

        // Listening again, it serves snapshots again.
        await().atMost(Duration.ofSeconds(10)).until(() -> second.snapshots().serving());
        second().find(id);
        before = statements.get();
        second().find(id);
        assertThat(statements.get() - before).isZero();
    }

    @Test
    void aSnapshotIsKeptNoLongerThanItsLifetime() throws Exception {
        String id = first().create("note", "one");
        readOnSecond(id);
        // Changed behind the application's back: no notification.
        jdbc.sql("""
                        update spring_session_attributes set attribute_bytes = ?
                        where attribute_name = 'note' and session_primary_id =
                          (select primary_id from spring_session where session_id = ?)
                        """)
                .params(new org.springframework.core.serializer.support.SerializingConverter().convert("two"), id)
                .update();
        assertThat(second().find(id).<String>getAttribute("note")).isEqualTo("one");
        Thread.sleep(SessionSnapshots.LIFETIME.toMillis() + 200);
        assertThat(second().find(id).<String>getAttribute("note")).isEqualTo("two");
    }

    private long lastAccess(String id) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
