package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The session repository reads a session once per request and writes it only when something in it changed. What
 * PostgreSQL holds tells the cases apart: a row deleted or marked behind the repository's back shows whether a look-up
 * read the database and whether a save wrote it.
 */
@IntegrationTest
class LeanSessionsTests {

    @Autowired
    SessionRepository<? extends Session> repository;

    @Autowired
    JdbcClient jdbc;

    private Sessions<?> sessions;

    /** The repository with its session type captured, so that a session it made can be handed back to it. */
    private record Sessions<S extends Session>(SessionRepository<S> repository) {
        String createAndSave(String note) {
            S session = repository.createSession();
            session.setAttribute("note", note);
            repository.save(session);
            return session.getId();
        }

        Session findById(String id) {
            return repository.findById(id);
        }

        /** What the filter does for a page view: look the session up, mark the access, change it, save it. */
        void pageView(String id, Instant at, java.util.function.Consumer<Session> change) {
            S session = repository.findById(id);
            session.setLastAccessedTime(at);
            change.accept(session);
            repository.save(session);
        }
    }

    @BeforeEach
    void capture() {
        sessions = new Sessions<>(repository);
    }

    private String savedThenDeletedBehindItsBack() {
        String id = sessions.createAndSave("kept");
        assertThat(jdbc.sql("delete from spring_session where session_id = ?")
                        .param(id)
                        .update())
                .isEqualTo(1);
        return id;
    }

    private long lastAccessInTheDatabase(String id) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private String noteInTheDatabase(String id) {
        return jdbc.sql("""
                        select count(*) from spring_session_attributes a join spring_session s
                          on s.primary_id = a.session_primary_id
                        where s.session_id = ? and a.attribute_name = 'note'
                        """).param(id).query(Long.class).single().toString();
    }

    @Test
    void theLookUpRightAfterASaveIsAnsweredFromTheSavedSessionOnceAndTheNextOneReadsTheDatabase() {
        assertThat(repository).isInstanceOf(LeanSessions.class);
        String id = savedThenDeletedBehindItsBack();

        Session found = sessions.findById(id);
        assertThat(found).isNotNull();
        assertThat(found.<String>getAttribute("note")).isEqualTo("kept");

        assertThat(sessions.findById(id)).isNull();
    }

    @Test
    void anotherThreadAndAnotherIdAlwaysReadTheDatabase() throws Exception {
        String id = savedThenDeletedBehindItsBack();
        Session elsewhere =
                CompletableFuture.supplyAsync(() -> sessions.findById(id)).get();
        assertThat(elsewhere).isNull();

        String other = savedThenDeletedBehindItsBack();
        assertThat(sessions.findById(id)).isNull();
        // The look-up of another id used up the saved one.
        assertThat(sessions.findById(other)).isNull();
    }

    @Test
    void aLaterRequestOnTheSameThreadReadsTheDatabase() {
        String id = savedThenDeletedBehindItsBack();
        // What the filter around Spring Session's does when the request that saved the session ends.
        ((LeanSessions<?>) repository).forget();
        assertThat(sessions.findById(id)).isNull();
    }

    @Test
    void aSessionSavedLongerAgoThanTheBoundIsReadFromTheDatabase() throws Exception {
        String id = savedThenDeletedBehindItsBack();
        Thread.sleep(LeanSessions.FRESH.toMillis() + 100);
        assertThat(sessions.findById(id)).isNull();
    }

    @Test
    void aPageViewWithinTheStepWritesNothingAndOneAfterItOrAChangeWrites() {
        String id = sessions.createAndSave("kept");
        long stored = lastAccessInTheDatabase(id);

        sessions.pageView(id, Instant.ofEpochMilli(stored).plusSeconds(30), s -> {});
        assertThat(lastAccessInTheDatabase(id)).isEqualTo(stored);

        // A change is written; the row's last access moves only by a step (the update's own condition).
        sessions.pageView(id, Instant.ofEpochMilli(stored).plusSeconds(40), s -> s.removeAttribute("note"));
        assertThat(noteInTheDatabase(id)).isEqualTo("0");
        assertThat(lastAccessInTheDatabase(id)).isEqualTo(stored);

        sessions.pageView(id, Instant.ofEpochMilli(stored).plus(Duration.ofSeconds(59)), s -> {});
        assertThat(lastAccessInTheDatabase(id)).isEqualTo(stored);
        sessions.pageView(id, Instant.ofEpochMilli(stored).plus(Duration.ofSeconds(61)), s -> {});
        assertThat(lastAccessInTheDatabase(id)).isEqualTo(stored + 61_000);

        sessions.pageView(id, Instant.ofEpochMilli(stored + 61_000).plusSeconds(1), s -> s.changeSessionId());
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
