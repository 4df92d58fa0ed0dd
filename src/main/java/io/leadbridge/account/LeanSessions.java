package io.leadbridge.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC repository, with the two statements a page view did not need left out: a session is read once
 * per request and written only when something in it changed.
 *
 * <ul>
 *   <li><b>No write for a page view alone.</b> Spring Session's filter sets the session's last access on every request,
 *       which marks the session changed, and saves it: an {@code UPDATE} per page view (made conditional in the
 *       database by {@link SessionConfiguration#lastAccessInSteps()}, but still sent). Here a session whose only change
 *       is its last access is not saved until that moved by {@link SessionConfiguration#LAST_ACCESS_STEP} from what
 *       the database holds. A new session, a new id, a changed timeout and every attribute set or removed are saved as
 *       before — the repository's own save mode ({@code ON_SET_ATTRIBUTE}, Boot's default) also writes on nothing
 *       else.
 *   <li><b>No second read.</b> At the end of every request the filter saves the session, forgets what it had read, and
 *       asks the repository again whether the requested session still exists, to decide whether to send the cookie
 *       again: a second {@code SELECT} of the session and its attributes for nothing the request needs
 *       (spring-session#1731, open since 2020; #1424). The session a thread has just saved answers that thread's next
 *       look-up of the same id — once, and for at most {@link #FRESH}. It is what the database holds unless another
 *       instance ended the session in the same moment, and then the next request finds no session, as it would have.
 * </ul>
 *
 * <p>Bounded: each thread holds at most one saved session, only until its next look-up, and never past the request
 * that saved it ({@link #forget()}, called by a filter around Spring Session's): a session saved by a request that
 * had no session cookie (nothing looks it up again) must not answer a later request on the same thread, which another
 * thread's request may have changed the session for in the meantime.
 */
final class LeanSessions<S extends Session>
        implements FindByIndexNameSessionRepository<LeanSessions.Tracked<S>>, DisposableBean {

    /** How long a saved session may answer its thread's next look-up. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private record Saved<S extends Session>(Tracked<S> session, long at) {}

    /** Whether this thread is saving a session: the one call of Spring Session's that needs a transaction. */
    private static final ThreadLocal<Boolean> WRITING = new ThreadLocal<>();

    static boolean writing() {
        return WRITING.get() != null;
    }

    private final FindByIndexNameSessionRepository<S> repository;
    private final ThreadLocal<Saved<S>> justSaved = new ThreadLocal<>();

    LeanSessions(FindByIndexNameSessionRepository<S> repository) {
        this.repository = repository;
    }

    /** Forgets the session this thread saved last; at the start and end of every request. */
    void forget() {
        justSaved.remove();
    }

    @Override
    public Tracked<S> createSession() {
        return new Tracked<>(repository.createSession(), true);
    }

    @Override
    public void save(Tracked<S> session) {
        justSaved.remove();
        if (session.needsWrite()) {
            WRITING.set(Boolean.TRUE);
            try {
                repository.save(session.session);
            } finally {
                WRITING.remove();
            }
            session.written();
        }
        justSaved.set(new Saved<>(session, System.nanoTime()));
    }

    @Override
    public Tracked<S> findById(String id) {
        Saved<S> saved = justSaved.get();
        justSaved.remove();
        if (saved != null
                && saved.session().getId().equals(id)
                && System.nanoTime() - saved.at() < FRESH.toNanos()
                && !saved.session().isExpired()) {
            return saved.session();
        }
        S session = repository.findById(id);
        return session == null ? null : new Tracked<>(session, false);
    }

    @Override
    public void deleteById(String id) {
        justSaved.remove();
        repository.deleteById(id);
    }

    @Override
    public Map<String, Tracked<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Tracked<S>> found = new LinkedHashMap<>();
        repository
                .findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, session) -> found.put(id, new Tracked<>(session, false)));
        return found;
    }

    @Override
    public void destroy() throws Exception {
        if (repository instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    /** A session of the repository, and whether anything but its last access changed since it was read or written. */
    static final class Tracked<S extends Session> implements Session {

        private final S session;
        private boolean isNew;
        private boolean changed;
        private Instant stored;

        Tracked(S session, boolean isNew) {
            this.session = session;
            this.isNew = isNew;
            this.stored = session.getLastAccessedTime();
        }

        boolean needsWrite() {
            return isNew || changed || accessMovedAStep();
        }

        private boolean accessMovedAStep() {
            return Duration.between(stored, session.getLastAccessedTime())
                            .compareTo(SessionConfiguration.LAST_ACCESS_STEP)
                    >= 0;
        }

        /**
         * After a save: the database moved the row's last access only if it moved by a step (the update's own
         * condition), or the session was new.
         */
        void written() {
            if (isNew || accessMovedAStep()) {
                stored = session.getLastAccessedTime();
            }
            isNew = false;
            changed = false;
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return session.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            changed = true;
            session.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            changed = true;
            session.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            session.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            if (!interval.equals(session.getMaxInactiveInterval())) {
                changed = true;
            }
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
