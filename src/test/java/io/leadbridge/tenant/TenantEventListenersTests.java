package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The one place that scopes a workspace's event listeners: which listeners it takes, and that they run in the event's
 * workspace whatever the thread carries, with the thread's own restored afterwards.
 */
class TenantEventListenersTests {

    record Happened(UUID tenantId) implements TenantEvent {}

    record Unscoped(String what) {}

    static class Listeners {

        final List<Optional<UUID>> seen = new ArrayList<>();

        @ApplicationModuleListener
        public void afterTheCommit(Happened event) {
            seen.add(CurrentTenant.id());
        }

        @TransactionalEventListener
        public void synchronouslyAfterTheCommit(Happened event) {
            seen.add(CurrentTenant.id());
        }

        @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
        public void beforeTheCommit(Happened event) {}

        @EventListener
        public void inTheTransaction(Happened event) {}

        @ApplicationModuleListener
        public void ofAnEventWithoutWorkspace(Unscoped event) {}

        @ApplicationModuleListener
        public void failing(Happened event) {
            throw new IllegalStateException("failed in " + CurrentTenant.id().orElseThrow());
        }
    }

    @Test
    void takesTheListenersAfterTheTransactionOfAWorkspacesEventOnly() throws Exception {
        assertThat(listens("afterTheCommit", Happened.class)).isTrue();
        assertThat(listens("synchronouslyAfterTheCommit", Happened.class)).isTrue();
        assertThat(listens("beforeTheCommit", Happened.class)).isFalse();
        assertThat(listens("inTheTransaction", Happened.class)).isFalse();
        assertThat(listens("ofAnEventWithoutWorkspace", Unscoped.class)).isFalse();
    }

    @Test
    void aListenerRunsInTheEventsWorkspaceAndTheThreadKeepsItsOwn() {
        Listeners target = new Listeners();
        Listeners listeners = proxied(target);
        UUID event = UUID.randomUUID();
        UUID thread = UUID.randomUUID();

        listeners.afterTheCommit(new Happened(event));
        CurrentTenant.runAs(thread, () -> {
            listeners.synchronouslyAfterTheCommit(new Happened(event));
            assertThat(CurrentTenant.id()).contains(thread);
        });

        assertThat(target.seen).containsExactly(Optional.of(event), Optional.of(event));
        assertThat(CurrentTenant.id()).isEmpty();
    }

    @Test
    void aListenersFailureReachesTheCallerUnchanged() {
        Listeners listeners = proxied(new Listeners());
        UUID event = UUID.randomUUID();

        assertThatThrownBy(() -> listeners.failing(new Happened(event)))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("failed in " + event);
        assertThat(CurrentTenant.id()).isEmpty();
    }

    private static boolean listens(String name, Class<?> event) throws NoSuchMethodException {
        return TenantEventListeners.listensAfterTheTransaction(Listeners.class.getMethod(name, event));
    }

    private static Listeners proxied(Listeners target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvisor(TenantEventListeners.tenantEventListenerScope());
        return (Listeners) factory.getProxy();
    }
}
