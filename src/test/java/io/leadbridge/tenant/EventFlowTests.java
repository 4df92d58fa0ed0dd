package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Intake;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.timeline.Comments;
import io.leadbridge.timeline.Timeline;
import io.leadbridge.timeline.TimelineEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each typed event end to end (docs/adr/0008): the action, its entry on the lead's timeline with the event's facts as
 * the lead page reads them, and the notification its module's listener writes after the commit.
 */
@IntegrationTest
class EventFlowTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    Intake intake;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    Comments comments;

    @Autowired
    Timeline timeline;

    @Autowired
    OwnerDatabase owner;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    /** The lead's one entry of this type, as the lead page shows it (the timeline is written when the action returns). */
    TimelineEntry entry(TestWorkspace workspace, long leadId, String type) {
        List<TimelineEntry> entries = in(workspace, () -> timeline.of(leadId)).stream()
                .filter(entry -> entry.type().equals(type))
                .toList();
        assertThat(entries).as(type).hasSize(1);
        return entries.get(0);
    }

    long notified(TestWorkspace workspace, SignedInAccount recipient, String key, String link) {
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        return owner.count(
                "select count(*) from notification where tenant_id = ? and recipient_id = ? and message_key = ?"
                        + " and link = ?",
                workspace.tenantId(),
                recipient.accountId(),
                key,
                link);
    }

    static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }

    @Test
    void aLeadCreatedAndEditedIsOnItsTimelineWithTheChannelAndTheFieldChanges() {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        LeadView lead = leads.create(workspace.marketer(), input);

        TimelineEntry created = entry(workspace, lead.id(), LeadManagement.CREATED);
        assertThat(created.actorName()).isEqualTo(workspace.marketer().getDisplayName());
        assertThat(created.details()).containsEntry("channel", "FORM");

        String before = input.getJobTitle();
        input.setJobTitle("Head of Procurement");
        in(workspace, () -> leadManagement.edit(lead.id(), input, lead.version(), actor(workspace.marketer())));

        TimelineEntry edited = entry(workspace, lead.id(), LeadManagement.EDITED);
        assertThat(edited.changes()).singleElement().satisfies(change -> {
            assertThat(change.field()).isEqualTo("jobTitle");
            assertThat(change.before()).isEqualTo(before);
            assertThat(change.after()).isEqualTo("Head of Procurement");
        });
    }

    @Test
    void aBatchOfTheIntakeApiPutsOneCreatedEntryOnEachNewLeadNamedAfterItsKey() {
        TestWorkspace workspace = workspaces.create();

        in(
                workspace,
                () -> intake.receiveBatch(
                        List.of(TestLeads.qualifiedLead("Ada", "Arndt"), TestLeads.qualifiedLead("Ben", "Brandt")),
                        UUID.randomUUID().toString(),
                        "hash",
                        new Actor(null, "Website form key"),
                        results -> new Intake.Response(200, "", null, false)));

        List<Long> created = owner.jdbc()
                .sql("select id from lead where tenant_id = ? order by id")
                .param(workspace.tenantId())
                .query(Long.class)
                .list();
        assertThat(created).hasSize(2);
        for (long leadId : created) {
            TimelineEntry entry = entry(workspace, leadId, LeadManagement.CREATED);
            assertThat(entry.actorName()).isEqualTo("Website form key");
            assertThat(entry.details()).containsEntry("channel", "API").doesNotContainKey("file");
        }
    }

    @Test
    void aStepAlongTheFunnelIsOnTheTimelineWithItsStagesNoteAndDealValue() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        in(workspace, () -> {
            decisions.accept(lead.id(), null, workspace.salesRep());
            return null;
        });

        in(
                workspace,
                () -> funnel.move(
                        lead.id(), Stage.SALES_QUALIFIED, null, null, "Budget confirmed.", workspace.salesRep()));
        in(workspace, () -> funnel.move(lead.id(), Stage.OPPORTUNITY, null, null, null, workspace.salesRep()));
        in(
                workspace,
                () -> funnel.move(lead.id(), Stage.WON, null, new BigDecimal("12500"), null, workspace.salesRep()));

        List<TimelineEntry> steps = in(workspace, () -> timeline.of(lead.id())).stream()
                .filter(entry -> entry.type().equals(FunnelManagement.STAGE_CHANGED))
                .toList();
        assertThat(steps).hasSize(3);
        // Newest first.
        assertThat(steps.get(0).details())
                .containsEntry("from", "OPPORTUNITY")
                .containsEntry("to", "WON")
                .containsEntry("dealValue", "12500.00")
                .doesNotContainKey("note");
        assertThat(steps.get(2).details())
                .containsEntry("from", "SALES_ACCEPTED")
                .containsEntry("to", "SALES_QUALIFIED")
                .containsEntry("note", "Budget confirmed.")
                .doesNotContainKey("dealValue");
        assertThat(steps.get(2).actorName()).isEqualTo(workspace.salesRep().getDisplayName());
    }

    @Test
    void aHandoffAndItsReassignmentAreOnTheTimelineAndTellEachRep() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.handedOff(workspace);

        TimelineEntry handed = entry(workspace, lead.id(), "HANDED_OFF");
        assertThat(handed.actorName()).isEqualTo(workspace.marketer().getDisplayName());
        assertThat(handed.details())
                .containsEntry("from", "NEW_INQUIRY")
                .containsEntry("to", "AWAITING_ACCEPTANCE")
                .containsEntry("assignee", workspace.salesRep().getDisplayName())
                .containsEntry("roundRobin", "false")
                .doesNotContainKey("override");
        assertThat(notified(workspace, workspace.salesRep(), "notification.handedToYou", "/leads/" + lead.id()))
                .isEqualTo(1);

        in(
                workspace,
                () -> assignment.reassign(lead.id(), null, sara.accountId(), "Sam is away.", workspace.liaison()));

        TimelineEntry reassigned = entry(workspace, lead.id(), "REASSIGNED");
        assertThat(reassigned.actorName()).isEqualTo(workspace.liaison().getDisplayName());
        assertThat(reassigned.details())
                .containsEntry("previous", workspace.salesRep().getDisplayName())
                .containsEntry("assignee", "Sara Sales")
                .containsEntry("note", "Sam is away.");
        assertThat(notified(workspace, sara, "notification.handedToYou", "/leads/" + lead.id()))
                .isEqualTo(1);
    }

    @Test
    void aLeadReturnedToMarketingIsOnTheTimelineAndTellsTheMarketer() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        in(workspace, () -> {
            decisions.returnToMarketing(lead.id(), null, "Nobody in sales can take it.", workspace.liaison());
            return null;
        });

        TimelineEntry returned = entry(workspace, lead.id(), "RETURNED_TO_MARKETING");
        assertThat(returned.actorName()).isEqualTo(workspace.liaison().getDisplayName());
        assertThat(returned.details())
                .containsEntry("from", "AWAITING_ACCEPTANCE")
                .containsEntry("to", "MARKETING_QUALIFIED")
                .containsEntry("note", "Nobody in sales can take it.");
        assertThat(notified(workspace, workspace.marketer(), "notification.returnedToMarketing", "/leads/" + lead.id()))
                .isEqualTo(1);
    }

    DisputeView disputed(TestWorkspace workspace, LeadView lead) {
        in(workspace, () -> {
            decisions.reject(lead.id(), null, "NO_BUDGET", "Budget frozen.", workspace.salesRep());
            return null;
        });
        return in(
                workspace,
                () -> disputes.dispute(
                        lead.id(), null, "They confirmed the budget on the phone today.", workspace.marketer()));
    }

    @Test
    void anUpheldDisputeIsOnTheTimelineAndTellsBothSides() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        DisputeView dispute = disputed(workspace, lead);

        in(
                workspace,
                () -> disputes.decide(
                        dispute.id(), Outcome.UPHOLD, "The budget is for next year.", null, workspace.liaison()));

        TimelineEntry upheld = entry(workspace, lead.id(), DisputeManagement.UPHELD);
        assertThat(upheld.actorName()).isEqualTo(workspace.liaison().getDisplayName());
        assertThat(upheld.details())
                .containsEntry("from", "IN_DISPUTE")
                .containsEntry("to", "REJECTED")
                .containsEntry("rationale", "The budget is for next year.");
        String link = "/leads/" + lead.id();
        assertThat(notified(workspace, workspace.marketer(), "notification.disputeUpheld", link))
                .isEqualTo(1);
        assertThat(notified(workspace, workspace.salesRep(), "notification.disputeUpheld", link))
                .isEqualTo(1);
    }

    @Test
    void anOverturnedDisputeIsOnTheTimelineOnceHandsTheLeadBackAndTellsEveryone() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.handedOff(workspace);
        DisputeView dispute = disputed(workspace, lead);

        in(
                workspace,
                () -> disputes.decide(
                        dispute.id(),
                        Outcome.OVERTURN,
                        "The budget is confirmed.",
                        sara.accountId(),
                        workspace.liaison()));

        TimelineEntry overturned = entry(workspace, lead.id(), DisputeManagement.OVERTURNED);
        assertThat(overturned.actorName()).isEqualTo(workspace.liaison().getDisplayName());
        assertThat(overturned.details())
                .containsEntry("from", "IN_DISPUTE")
                .containsEntry("to", "AWAITING_ACCEPTANCE")
                .containsEntry("rationale", "The budget is confirmed.")
                .containsEntry("assignee", "Sara Sales");
        String link = "/leads/" + lead.id();
        assertThat(notified(workspace, sara, "notification.handedBack", link)).isEqualTo(1);
        assertThat(notified(workspace, workspace.marketer(), "notification.disputeOverturned", link))
                .isEqualTo(1);
        assertThat(notified(workspace, workspace.salesRep(), "notification.disputeOverturned", link))
                .isEqualTo(1);
    }

    @Test
    void aCommentIsOnTheTimelineWithItsText() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());

        in(
                workspace,
                () -> comments.add(
                        lead.id(),
                        lead.displayName(),
                        "Called them: call back Monday.",
                        workspace.marketer().accountId(),
                        workspace.marketer().getDisplayName()));

        TimelineEntry commented = entry(workspace, lead.id(), Comments.COMMENTED);
        assertThat(commented.actorName()).isEqualTo(workspace.marketer().getDisplayName());
        assertThat(commented.details()).containsEntry("comment", "Called them: call back Monday.");
    }
}
