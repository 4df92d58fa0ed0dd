package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The SLA watch warns of each handoff due soon once, marks each overdue handoff once and escalates it once, however many
 * instances run it.
 */
@IntegrationTest
class SlaWatchTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    RepQueue repQueue;

    @Autowired
    SlaWatch watch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OwnerDatabase owner;

    /** A second instance of the application, as far as the watch is concerned: its own watch on the same database. */
    SlaWatch otherInstance() {
        return new SlaWatch(jdbc, events, clock, transactions);
    }

    @Test
    void twoWatchesRunningAtOnceMarkEachBreachAndEachEscalationExactlyOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        List<Long> overdue = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            overdue.add(given.handedOff(workspace).id());
        }
        LeadView onTime = given.handedOff(workspace);
        // The first six ran out of time: due and escalation both in the past.
        for (long leadId : overdue) {
            owner.jdbc().sql("""
                            update handoff set handed_at = now() - interval '10 days',
                                due_at = now() - interval '8 days', escalate_at = now() - interval '6 days'
                            where lead_id = ?
                            """).param(leadId).update();
        }

        Instant now = Instant.now();
        SlaWatch other = otherInstance();
        List<Callable<SlaWatch.Sweep>> sweeps =
                List.of(() -> watch.sweep(now), () -> other.sweep(now), () -> watch.sweep(now), () -> other.sweep(now));
        HandoffTests.runTogether(sweeps).forEach(HandoffTests::value);

        for (long leadId : overdue) {
            assertThat(owner.count(
                            "select count(*) from lead_event where lead_id = ? and type = 'SLA_BREACHED'", leadId))
                    .isEqualTo(1);
            assertThat(owner.count("select count(*) from lead_event where lead_id = ? and type = 'ESCALATED'", leadId))
                    .isEqualTo(1);
            assertThat(owner.count(
                            "select count(*) from handoff where lead_id = ? and breached_at is not null"
                                    + " and escalated_at is not null",
                            leadId))
                    .isEqualTo(1);
        }
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type in ('SLA_BREACHED', 'ESCALATED')",
                        onTime.id()))
                .isZero();
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.escalated'",
                        workspace.liaison().accountId()))
                .isEqualTo(6);
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.slaBreached'",
                        workspace.salesRep().accountId()))
                .isEqualTo(6);

        // Once marked, a later sweep leaves them alone.
        watch.sweep(Instant.now());
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = any(?) and type in ('SLA_BREACHED', 'ESCALATED')",
                        (Object) overdue.toArray(Long[]::new)))
                .isEqualTo(12);
        // The rep still decides an overdue lead; the queue shows it as overdue.
        QueuePage queue = CurrentTenant.callAs(
                workspace.tenantId(), () -> repQueue.queue(workspace.salesRep().accountId(), null, null));
        assertThat(queue.overdue()).isEqualTo(6);
        assertThat(queue.items().get(0).escalatedAt()).isNotNull();
    }

    @Test
    void theRepIsWarnedOnceWhenTheLastQuarterOfTheResponseTimeBeginsAndNeverForAnOverdueHandoff() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView soon = given.handedOff(workspace);
        LeadView overdue = given.handedOff(workspace);
        LeadView early = given.handedOff(workspace);
        // The clock starts in business hours: the warning falls between the handoff and the due time.
        assertThat(owner.count(
                        "select count(*) from handoff where lead_id = ? and handed_at < due_soon_at and due_soon_at < due_at",
                        early.id()))
                .isEqualTo(1);
        owner.jdbc().sql("""
                        update handoff set handed_at = now() - interval '3 hours', due_soon_at = now() - interval '1 minute',
                            due_at = now() + interval '1 hour', escalate_at = now() + interval '5 hours'
                        where lead_id = ?
                        """).param(soon.id()).update();
        owner.jdbc().sql("""
                        update handoff set handed_at = now() - interval '10 days', due_soon_at = now() - interval '9 days',
                            due_at = now() - interval '8 days', escalate_at = now() + interval '1 day'
                        where lead_id = ?
                        """).param(overdue.id()).update();

        Instant now = Instant.now();
        SlaWatch other = otherInstance();
        List<Callable<SlaWatch.Sweep>> sweeps =
                List.of(() -> watch.sweep(now), () -> other.sweep(now), () -> watch.sweep(now), () -> other.sweep(now));
        HandoffTests.runTogether(sweeps).forEach(HandoffTests::value);
        watch.sweep(Instant.now());

        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.jdbc()
                        .sql("""
                                select link from notification
                                where recipient_id = ? and message_key = 'notification.dueSoon'
                                """)
                        .param(workspace.salesRep().accountId())
                        .query(String.class)
                        .list())
                .containsExactly("/leads/" + soon.id());
        assertThat(owner.count("select count(*) from handoff where lead_id = any(?) and warned_at is not null", (Object)
                        new Long[] {soon.id(), overdue.id()}))
                .isEqualTo(2);
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and warned_at is null", early.id()))
                .isEqualTo(1);
    }
}
