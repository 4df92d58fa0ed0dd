package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The check reads an import's file on a reader's thread while it works on what was read before (issue 21): what the
 * reader hands on arrives in order, in the caller's workspace, read in a read-only transaction; a failure of the reader
 * reaches the caller after what was read before it; a caller that stops early ends the reader before it goes on.
 */
@IntegrationTest
class ImportReadersTests {

    @Autowired
    ImportReaders readers;

    @Autowired
    TestWorkspaces workspaces;

    @Test
    void theReaderHandsOnItsItemsInOrderInTheCallersWorkspaceInAReadOnlyTransaction() {
        TestWorkspace workspace = workspaces.create();
        AtomicReference<UUID> readerWorkspace = new AtomicReference<>();
        AtomicBoolean readOnly = new AtomicBoolean();
        List<Integer> taken = new ArrayList<>();
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            try (ImportReaders.Reading<Integer> reading = readers.start(hand -> {
                readerWorkspace.set(CurrentTenant.require());
                readOnly.set(TransactionSynchronizationManager.isActualTransactionActive()
                        && TransactionSynchronizationManager.isCurrentTransactionReadOnly());
                for (int i = 1; i <= 5; i++) {
                    hand.accept(i);
                }
            })) {
                for (Integer item = reading.next(); item != null; item = reading.next()) {
                    taken.add(item);
                }
                assertThat(reading.next()).isNull();
            }
        });

        assertThat(taken).containsExactly(1, 2, 3, 4, 5);
        assertThat(readerWorkspace.get()).isEqualTo(workspace.tenantId());
        assertThat(readOnly).isTrue();
    }

    @Test
    void aFailureOfTheReaderReachesTheCallerAfterWhatWasReadBeforeIt() {
        TestWorkspace workspace = workspaces.create();
        List<String> taken = new ArrayList<>();
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            try (ImportReaders.Reading<String> reading = readers.start(hand -> {
                hand.accept("first");
                throw new IllegalStateException("the file broke");
            })) {
                taken.add(reading.next());
                assertThatThrownBy(reading::next)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("the file broke");
            }
        });

        assertThat(taken).containsExactly("first");
    }

    @Test
    void aCallerThatStopsEarlyEndsTheReaderBeforeItGoesOn() {
        TestWorkspace workspace = workspaces.create();
        AtomicBoolean ended = new AtomicBoolean();
        List<Integer> handed = new ArrayList<>();
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            try (ImportReaders.Reading<Integer> reading = readers.start(hand -> {
                try {
                    for (int i = 1; i <= 1_000; i++) {
                        hand.accept(i);
                        synchronized (handed) {
                            handed.add(i);
                        }
                    }
                } finally {
                    ended.set(true);
                }
            })) {
                assertThat(reading.next()).isEqualTo(1);
            }
            // Closing waited for the reader: it has ended, and handed on nothing after the item taken.
            assertThat(ended).isTrue();
        });

        synchronized (handed) {
            assertThat(handed).containsExactly(1);
        }
    }
}
