package io.leadbridge.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The signed-in sessions of the workspace's people, in PostgreSQL ({@link SessionConfiguration}): whichever instance
 * served them, the workspace can end a person's sessions, and a sign-out ends what hangs on its session everywhere.
 */
@Component
class Sessions implements LogoutHandler {

    private final FindByIndexNameSessionRepository<? extends Session> repository;
    private final ApplicationEventPublisher events;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /**
     * Ends every session of the person, on whichever instance, once the current transaction commits (Spring Session
     * writes in a transaction of its own): each is marked ended, and its next request signs out and says so ({@link
     * SessionConfiguration.EndedSessionFilter}).
     */
    void endAllOf(UUID tenantId, long accountId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    endNow(tenantId, accountId);
                }
            });
        } else {
            endNow(tenantId, accountId);
        }
    }

    private void endNow(UUID tenantId, long accountId) {
        List<String> ended = endAll(repository, SessionConfiguration.principalKey(tenantId, accountId));
        if (!ended.isEmpty()) {
            events.publishEvent(new SessionsEnded(ended));
        }
    }

    private static <S extends Session> List<String> endAll(FindByIndexNameSessionRepository<S> repository, String key) {
        List<String> ended = new ArrayList<>();
        for (S session : repository.findByPrincipalName(key).values()) {
            session.setAttribute(SessionConfiguration.ENDED, Boolean.TRUE);
            repository.save(session);
            ended.add(session.getId());
        }
        return ended;
    }

    /** A sign-out: the session's live streams end on every instance (Spring Security removes the session itself). */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        var session = request.getSession(false);
        String id = session != null ? session.getId() : request.getRequestedSessionId();
        if (id != null) {
            events.publishEvent(new SessionsEnded(List.of(id)));
        }
    }
}
