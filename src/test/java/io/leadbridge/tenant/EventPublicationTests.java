package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.config.IncompletePublicationsResubmission;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Typed events after the commit (docs/adr/0008): the decision's event is in the registry, its listeners record the
 * timeline entry and the notification in the event's workspace, and a listener that fails is retried until it succeeds.
 */
@IntegrationTest
class EventPublicationTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    IncompletePublicationsResubmission resubmission;

    long publications(String type, long leadId, boolean completed) {
        return owner.count(
                "select count(*) from event_publication where event_type = ?"
                        + " and cast(serialized_event as jsonb) ->> 'leadId' = ?"
                        + " and (completion_date is not null) = ?",
                type,
                Long.toString(leadId),
                completed);
    }

    long notifications(TestWorkspace workspace, String key) {
        return owner.count(
                "select count(*) from notification where recipient_id = ? and message_key = ?",
                workspace.marketer().accountId(),
                key);
    }

    @Test
    void anAcceptedHandoffIsPublishedAndRecordedOnTheTimelineAndNotifiedInItsWorkspace() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        CurrentTenant.runAs(workspace.tenantId(), () -> decisions.accept(lead.id(), null, workspace.salesRep()));

        // The timeline entry is there when the decision returns; the notification a moment later.
        assertThat(owner.count(
                        "select count(*) from lead_event where tenant_id = ? and lead_id = ? and type = 'ACCEPTED'"
                                + " and actor_id = ? and details -> 'facts' ->> 'from' = 'AWAITING_ACCEPTANCE'"
                                + " and details -> 'facts' ->> 'to' = 'SALES_ACCEPTED'",
                        workspace.tenantId(),
                        lead.id(),
                        workspace.salesRep().accountId()))
                .isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(publications("io.leadbridge.handoff.HandoffAccepted", lead.id(), true))
                .as("one publication per listener: the timeline, the notification and the webhook deliveries")
                .isEqualTo(3);
        assertThat(owner.count(
                        "select count(*) from notification where tenant_id = ? and recipient_id = ?"
                                + " and message_key = 'notification.handoffAccepted' and link = ?",
                        workspace.tenantId(),
                        workspace.marketer().accountId(),
                        "/leads/" + lead.id()))
                .isEqualTo(1);
    }

    @Test
    void aListenerThatFailsIsRetriedAndItsPublicationStaysIncompleteUntilItSucceeds() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        // The notification cannot be written in this workspace for now.
        owner.jdbc().sql("""
                        create or replace function refuse_notifications_for_test() returns trigger language plpgsql as $$
                        begin raise exception 'notifications are down'; end $$
                        """).update();
        String trigger =
                "refuse_notifications_" + workspace.tenantId().toString().replace("-", "");
        owner.jdbc()
                .sql("create trigger " + trigger + " before insert on notification for each row when (new.tenant_id = '"
                        + workspace.tenantId() + "') execute function refuse_notifications_for_test()")
                .update();
        try {
            CurrentTenant.runAs(
                    workspace.tenantId(),
                    () -> decisions.reject(
                            lead.id(), null, "NO_BUDGET", "Budget frozen until Q3.", workspace.salesRep()));

            // The decision stands and is on the timeline; the notification failed and its publication is incomplete.
            assertThat(owner.count("select count(*) from lead where id = ? and stage = 'REJECTED'", lead.id()))
                    .isEqualTo(1);
            assertThat(owner.count(
                            "select count(*) from lead_event where lead_id = ? and type = 'REJECTED'", lead.id()))
                    .isEqualTo(1);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> owner.count(
                                    "select count(*) from event_publication where event_type = ?"
                                            + " and cast(serialized_event as jsonb) ->> 'leadId' = ?"
                                            + " and completion_date is null and status = 'FAILED'",
                                    "io.leadbridge.handoff.HandoffRejected",
                                    Long.toString(lead.id()))
                            == 1);
            assertThat(notifications(workspace, "notification.handoffRejected")).isZero();

            // Retried while it still fails: still incomplete.
            resubmission.resubmit(workspace.tenantId(), Instant.now());
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> owner.count(
                                    "select count(*) from event_publication where event_type = ?"
                                            + " and cast(serialized_event as jsonb) ->> 'leadId' = ?"
                                            + " and completion_date is null and status = 'FAILED'",
                                    "io.leadbridge.handoff.HandoffRejected",
                                    Long.toString(lead.id()))
                            == 1);
            assertThat(publications("io.leadbridge.handoff.HandoffRejected", lead.id(), false))
                    .isEqualTo(1);
        } finally {
            owner.jdbc()
                    .sql("drop trigger if exists " + trigger + " on notification")
                    .update();
        }

        // Back up: the next resubmission succeeds, once.
        resubmission.resubmit(workspace.tenantId(), Instant.now());
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(publications("io.leadbridge.handoff.HandoffRejected", lead.id(), false))
                .isZero();
        assertThat(notifications(workspace, "notification.handoffRejected")).isEqualTo(1);
        assertThat(owner.count("select count(*) from lead_event where lead_id = ? and type = 'REJECTED'", lead.id()))
                .isEqualTo(1);
    }
}
