package io.leadbridge.timeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work for once the current transaction has committed, kept out of the event publication registry: the live pushes to
 * open pages (nothing of them is worth retrying; a page loaded again shows the current state). A {@code
 * TransactionalEventListener} after commit would be stored and resubmitted by Spring Modulith (docs/adr/0008). Without a
 * transaction nothing is done, as with such a listener. A failure is logged, never the committer's.
 */
final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {}

    static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    return;
                }
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Work after the commit failed", e);
                }
            }
        });
    }
}
