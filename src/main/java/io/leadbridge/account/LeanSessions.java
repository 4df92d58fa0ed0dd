package io.leadbridge.account;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
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
 *   <li><b>Most requests read no session at all.</b> A session read from the database in the last {@link
 *       SessionSnapshots#LIFETIME} answers from its immutable snapshot ({@link SessionSnapshots}, ADR 0030), evicted on
 *       every instance whenever the session is changed, signed out or given a new id. A request that changes the
 *       session, or whose last access is due to be written, reads the database's session first and writes that.
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
    private final SessionSnapshots snapshots;
    private final ThreadLocal<Saved<S>> justSaved = new ThreadLocal<>();

    LeanSessions(FindByIndexNameSessionRepository<S> repository) {
        this(
                repository,
                new SessionSnapshots(SessionAttributeBytes.conversionService(LeanSessions.class.getClassLoader())));
    }

    LeanSessions(FindByIndexNameSessionRepository<S> repository, SessionSnapshots snapshots) {
        this.repository = repository;
        this.snapshots = snapshots;
    }

    /** What this instance read of sessions lately (ADR 0030); off until {@link SessionEvictions} listens. */
    SessionSnapshots snapshots() {
        return snapshots;
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
            S target = session.toWrite();
            if (target != null) {
                boolean changed = session.changed() && !session.isNew();
                WRITING.set(Boolean.TRUE);
                try {
                    repository.save(target);
                } finally {
                    WRITING.remove();
                }
                if (changed) {
                    snapshots.changed(session.loadedId(), target.getId());
                } else if (!session.isNew()) {
                    snapshots.forgetHere(target.getId());
                }
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
        SessionSnapshots.Snapshot snapshot = snapshots.find(id);
        if (snapshot != null) {
            return new Tracked<>(snapshot, repository, snapshots);
        }
        SessionSnapshots.Stamp stamp = snapshots.stampBefore(id);
        snapshots.countRead();
        S session = repository.findById(id);
        if (session == null) {
            return null;
        }
        snapshots.keep(id, stamp, session);
        return new Tracked<>(session, false);
    }

    @Override
    public void deleteById(String id) {
        justSaved.remove();
        repository.deleteById(id);
        snapshots.changed(id);
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

    /**
     * A session of the repository, and whether anything but its last access changed since it was read or written. One
     * served from a {@linkplain SessionSnapshots snapshot} is this request's own view of it (its attributes deserialized
     * afresh for this request); the repository's session is read only when the request changes something or its last
     * access is due to be written.
     */
    static final class Tracked<S extends Session> implements Session {

        private S session;
        private final SessionSnapshots.Snapshot snapshot;
        private final FindByIndexNameSessionRepository<S> repository;
        private final SessionSnapshots snapshots;
        private String loadedId;
        private final Map<String, Object> viewed = new HashMap<>();
        private Instant lastAccess;
        /** The session gone from the database meanwhile: this request's own copy, never written. */
        private Session detached;

        private boolean isNew;
        private boolean changed;
        private Instant stored;

        Tracked(S session, boolean isNew) {
            this.session = session;
            this.snapshot = null;
            this.repository = null;
            this.snapshots = null;
            this.loadedId = session.getId();
            this.isNew = isNew;
            this.stored = session.getLastAccessedTime();
        }

        Tracked(
                SessionSnapshots.Snapshot snapshot,
                FindByIndexNameSessionRepository<S> repository,
                SessionSnapshots snapshots) {
            this.session = null;
            this.snapshot = snapshot;
            this.repository = repository;
            this.snapshots = snapshots;
            this.loadedId = snapshot.id();
            this.lastAccess = snapshot.lastAccessedTime();
            this.stored = snapshot.lastAccessedTime();
        }

        /** Whether it was served from a snapshot and not read from the database since. */
        boolean fromSnapshot() {
            return session == null && detached == null;
        }

        /** The id the database holds for it (read or last written): a new id must evict the old one's snapshots too. */
        String loadedId() {
            return loadedId;
        }

        /** The session as this request reads it: the repository's, the detached copy, or null for the snapshot. */
        private Session reading() {
            return session != null ? session : detached;
        }

        /**
         * The session a change goes to: the repository's, read now when it was served from a snapshot (the database's
         * state, not the snapshot's). Gone meanwhile (signed out or ended on another instance), the change stays this
         * request's own and nothing is written: the next request finds no session.
         */
        private Session changing() {
            Session current = reading();
            if (current != null) {
                return current;
            }
            S read = repository.findById(loadedId);
            if (read != null) {
                read.setLastAccessedTime(lastAccess);
                session = read;
                return read;
            }
            snapshots.forgetHere(loadedId);
            MapSession copy = new MapSession(loadedId);
            copy.setCreationTime(snapshot.creationTime());
            copy.setMaxInactiveInterval(snapshot.maxInactiveInterval());
            for (String name : snapshot.attributes().keySet()) {
                copy.setAttribute(name, getAttribute(name));
            }
            copy.setLastAccessedTime(lastAccess);
            detached = copy;
            return copy;
        }

        /** Before a save: the repository's session to write, or null when there is none (it is gone). */
        S toWrite() {
            if (session == null && detached == null) {
                changing();
            }
            return session;
        }

        boolean needsWrite() {
            return detached == null && (isNew || changed || accessMovedAStep());
        }

        private boolean accessMovedAStep() {
            return Duration.between(stored, getLastAccessedTime()).compareTo(SessionConfiguration.LAST_ACCESS_STEP)
                    >= 0;
        }

        /**
         * After a save: the database moved the row's last access only if it moved by a step (the update's own
         * condition), or the session was new.
         */
        void written() {
            if (isNew || accessMovedAStep()) {
                stored = getLastAccessedTime();
            }
            loadedId = getId();
            isNew = false;
            changed = false;
        }

        boolean changed() {
            return changed;
        }

        boolean isNew() {
            return isNew;
        }

        @Override
        public String getId() {
            Session current = reading();
            return current != null ? current.getId() : snapshot.id();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return changing().changeSessionId();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getAttribute(String attributeName) {
            Session current = reading();
            if (current != null) {
                return current.getAttribute(attributeName);
            }
            if (!snapshot.attributes().containsKey(attributeName)) {
                return null;
            }
            return (T) viewed.computeIfAbsent(attributeName, name -> snapshots.attribute(snapshot, name));
        }

        @Override
        public Set<String> getAttributeNames() {
            Session current = reading();
            return current != null
                    ? current.getAttributeNames()
                    : snapshot.attributes().keySet();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            changed = true;
            changing().setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            changed = true;
            changing().removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            Session current = reading();
            return current != null ? current.getCreationTime() : snapshot.creationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            Session current = reading();
            if (current != null) {
                current.setLastAccessedTime(lastAccessedTime);
            } else {
                lastAccess = lastAccessedTime;
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            Session current = reading();
            return current != null ? current.getLastAccessedTime() : lastAccess;
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            if (!interval.equals(getMaxInactiveInterval())) {
                changed = true;
                changing().setMaxInactiveInterval(interval);
            }
        }

        @Override
        public Duration getMaxInactiveInterval() {
            Session current = reading();
            return current != null ? current.getMaxInactiveInterval() : snapshot.maxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            Session current = reading();
            if (current != null) {
                return current.isExpired();
            }
            Duration max = snapshot.maxInactiveInterval();
            return !max.isNegative() && Instant.now().minus(max).compareTo(lastAccess) >= 0;
        }
    }
}
