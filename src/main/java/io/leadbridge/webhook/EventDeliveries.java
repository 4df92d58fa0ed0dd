package io.leadbridge.webhook;

import io.leadbridge.agreement.AgreementActivated;
import io.leadbridge.agreement.Kind;
import io.leadbridge.dispute.DisputeOverturned;
import io.leadbridge.dispute.DisputeUpheld;
import io.leadbridge.funnel.LeadStageChanged;
import io.leadbridge.handoff.HandoffAccepted;
import io.leadbridge.handoff.HandoffRejected;
import io.leadbridge.handoff.LeadHandedOff;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadResource;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the workspace's events into deliveries, once they have committed: after the commit, on another thread, in a
 * transaction of its own in the event's workspace, kept by the event publication registry until it succeeded
 * (docs/adr/0008). It only writes rows — one per enabled endpoint that wants the event — and never calls HTTP, so no
 * receiver can slow down or fail the decision that caused it. The body holds the lead as the intake API shows it
 * ({@link LeadResource}), read now, beside the event's own facts.
 */
@Component
class EventDeliveries {

    private final Deliveries deliveries;
    private final LeadManagement leads;

    EventDeliveries(Deliveries deliveries, LeadManagement leads) {
        this.deliveries = deliveries;
        this.leads = leads;
    }

    @ApplicationModuleListener
    void on(LeadHandedOff handedOff) {
        if (!deliveries.wanted(WebhookEvent.LEAD_HANDED_OFF)) {
            return;
        }
        Map<String, Object> data = lead(handedOff.leadId());
        data.put("handedOffBy", actor(handedOff.marketer()));
        data.put("assignee", person(handedOff.assigneeId(), handedOff.assignee()));
        data.put("roundRobin", handedOff.roundRobin());
        data.put("override", handedOff.override());
        deliveries.writeToSubscribers(WebhookEvent.LEAD_HANDED_OFF, data);
    }

    @ApplicationModuleListener
    void on(HandoffAccepted accepted) {
        if (!deliveries.wanted(WebhookEvent.HANDOFF_ACCEPTED)) {
            return;
        }
        Map<String, Object> data = lead(accepted.leadId());
        data.put("rep", actor(accepted.rep()));
        data.put("handedOffBy", accepted.handedBy());
        deliveries.writeToSubscribers(WebhookEvent.HANDOFF_ACCEPTED, data);
    }

    @ApplicationModuleListener
    void on(HandoffRejected rejected) {
        if (!deliveries.wanted(WebhookEvent.HANDOFF_REJECTED)) {
            return;
        }
        Map<String, Object> data = lead(rejected.leadId());
        data.put("rep", actor(rejected.rep()));
        data.put("handedOffBy", rejected.handedBy());
        data.put("reason", rejected.reason());
        data.put("comment", rejected.comment());
        deliveries.writeToSubscribers(WebhookEvent.HANDOFF_REJECTED, data);
    }

    @ApplicationModuleListener
    void on(DisputeUpheld upheld) {
        if (!deliveries.wanted(WebhookEvent.DISPUTE_DECIDED)) {
            return;
        }
        Map<String, Object> data = lead(upheld.leadId());
        Map<String, Object> dispute = new LinkedHashMap<>();
        dispute.put("id", upheld.disputeId());
        dispute.put("decision", "UPHELD");
        dispute.put("rationale", upheld.rationale());
        dispute.put("liaison", actor(upheld.liaison()));
        dispute.put("rejectedBy", upheld.rejectedBy());
        dispute.put("openedBy", upheld.openedBy());
        data.put("dispute", dispute);
        deliveries.writeToSubscribers(WebhookEvent.DISPUTE_DECIDED, data);
    }

    @ApplicationModuleListener
    void on(DisputeOverturned overturned) {
        if (!deliveries.wanted(WebhookEvent.DISPUTE_DECIDED)) {
            return;
        }
        Map<String, Object> data = lead(overturned.leadId());
        Map<String, Object> dispute = new LinkedHashMap<>();
        dispute.put("id", overturned.disputeId());
        dispute.put("decision", "OVERTURNED");
        dispute.put("rationale", overturned.rationale());
        dispute.put("liaison", actor(overturned.liaison()));
        dispute.put("handedBackTo", overturned.assignee());
        dispute.put("rejectedBy", overturned.rejectedBy());
        dispute.put("openedBy", overturned.openedBy());
        data.put("dispute", dispute);
        deliveries.writeToSubscribers(WebhookEvent.DISPUTE_DECIDED, data);
    }

    @ApplicationModuleListener
    void on(LeadStageChanged changed) {
        WebhookEvent event = changed.to() == Stage.WON
                ? WebhookEvent.LEAD_WON
                : changed.to() == Stage.LOST ? WebhookEvent.LEAD_LOST : null;
        if (event == null || !deliveries.wanted(event)) {
            return;
        }
        Map<String, Object> data = lead(changed.leadId());
        data.put("movedBy", actor(changed.mover()));
        data.put("from", changed.from().name());
        data.put("note", changed.note());
        data.put("dealValue", changed.dealValue());
        deliveries.writeToSubscribers(event, data);
    }

    @ApplicationModuleListener
    void on(AgreementActivated activated) {
        if (activated.kind() != Kind.CRITERIA || !deliveries.wanted(WebhookEvent.CRITERIA_ACTIVATED)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", activated.kind().name());
        data.put("versionId", activated.versionId());
        deliveries.writeToSubscribers(WebhookEvent.CRITERIA_ACTIVATED, data);
    }

    /** The lead as {@code GET /api/v1/leads/{id}} answers now; only its id if it is gone (erased meanwhile). */
    private Map<String, Object> lead(long leadId) {
        Map<String, Object> data = new LinkedHashMap<>();
        try {
            data.put("lead", LeadResource.of(leads.lead(leadId)));
        } catch (NotFoundException gone) {
            data.put("lead", null);
            data.put("leadId", leadId);
        }
        return data;
    }

    private static Map<String, Object> actor(Actor actor) {
        return person(actor.personId(), actor.label());
    }

    private static Map<String, Object> person(Long id, String name) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", id);
        person.put("name", name);
        return person;
    }
}
