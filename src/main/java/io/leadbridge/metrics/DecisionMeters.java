package io.leadbridge.metrics;

import io.leadbridge.dispute.DisputeOpened;
import io.leadbridge.dispute.DisputeOverturned;
import io.leadbridge.dispute.DisputeUpheld;
import io.leadbridge.handoff.DecisionUndone;
import io.leadbridge.handoff.HandoffAccepted;
import io.leadbridge.handoff.HandoffEscalated;
import io.leadbridge.handoff.HandoffRejected;
import io.leadbridge.handoff.HandoffSlaBreached;
import io.leadbridge.handoff.LeadHandedOff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the handoff's and the dispute's decisions from the typed events those modules publish. Plain
 * {@code @EventListener}s, so nothing is stored in the event publication registry for them (an
 * {@code @ApplicationModuleListener} would store a publication per event and listener, docs/adr/0008, to count one); the
 * count happens once the publishing transaction has committed, so a decision that rolled back (a lost race) is not
 * counted. A counter lost in a crash right after the commit is an acceptable error for a rate.
 */
@Component
class DecisionMeters {

    private final Counter handedOff;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter undone;
    private final Counter slaBreached;
    private final Counter escalated;
    private final Counter disputesOpened;
    private final Counter upheld;
    private final Counter overturned;

    DecisionMeters(MeterRegistry registry) {
        handedOff = Counter.builder("leadbridge.handoffs")
                .description("Leads handed off to sales")
                .register(registry);
        accepted = decision(registry, "accepted");
        rejected = decision(registry, "rejected");
        undone = decision(registry, "undone");
        slaBreached = Counter.builder("leadbridge.handoff.sla.breaches")
                .description("Handoffs not decided within the agreed response time")
                .register(registry);
        escalated = Counter.builder("leadbridge.handoff.escalations")
                .description("Overdue handoffs escalated to the liaison")
                .register(registry);
        disputesOpened = Counter.builder("leadbridge.disputes.opened")
                .description("Rejections disputed by marketing")
                .register(registry);
        upheld = disputeDecision(registry, "upheld");
        overturned = disputeDecision(registry, "overturned");
    }

    private static Counter decision(MeterRegistry registry, String decision) {
        return Counter.builder("leadbridge.handoff.decisions")
                .description("Sales' decisions on handoffs (undone: taken back within the undo window)")
                .tag("decision", decision)
                .register(registry);
    }

    private static Counter disputeDecision(MeterRegistry registry, String decision) {
        return Counter.builder("leadbridge.disputes.decided")
                .description("The liaison's decisions on disputes")
                .tag("decision", decision)
                .register(registry);
    }

    @EventListener
    void on(LeadHandedOff event) {
        afterCommit(handedOff::increment);
    }

    @EventListener
    void on(HandoffAccepted event) {
        afterCommit(accepted::increment);
    }

    @EventListener
    void on(HandoffRejected event) {
        afterCommit(rejected::increment);
    }

    @EventListener
    void on(DecisionUndone event) {
        afterCommit(undone::increment);
    }

    @EventListener
    void on(HandoffSlaBreached event) {
        afterCommit(slaBreached::increment);
    }

    @EventListener
    void on(HandoffEscalated event) {
        afterCommit(escalated::increment);
    }

    @EventListener
    void on(DisputeOpened event) {
        afterCommit(disputesOpened::increment);
    }

    @EventListener
    void on(DisputeUpheld event) {
        afterCommit(upheld::increment);
    }

    @EventListener
    void on(DisputeOverturned event) {
        afterCommit(overturned::increment);
    }

    /** Counts once the current transaction has committed; without a transaction, at once. */
    static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
