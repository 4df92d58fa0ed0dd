package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementActivated;
import io.leadbridge.agreement.Kind;
import io.leadbridge.dispute.DisputeOverturned;
import io.leadbridge.dispute.DisputeUpheld;
import io.leadbridge.funnel.LeadStageChanged;
import io.leadbridge.handoff.HandoffRejected;
import io.leadbridge.handoff.LeadHandedOff;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Which event becomes which delivery, for whom: each subscribed event type gives one delivery per enabled endpoint that
 * wants it, with the event's own facts beside the lead; other stage moves and the funnel's agreement give none, and
 * neither does a disabled endpoint. The listener is called as the registry would call it (in the event's workspace).
 */
@IntegrationTest
class EventDeliveriesTests {

    @Autowired
    EventDeliveries listener;

    @Autowired
    WebhookManagement webhooks;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    ObjectMapper json;

    @Test
    void eachEventGoesToTheEndpointsThatWantIt() {
        TestWorkspace workspace = workspaces.create();
        long all = register(workspace, WebhookEvent.values());
        long wonOnly = register(workspace, WebhookEvent.LEAD_WON);
        long disabled = register(workspace, WebhookEvent.values());
        CurrentTenant.runAs(workspace.tenantId(), () -> webhooks.disable(disabled));
        LeadView lead = leads.create(workspace.marketer());
        Actor marketer = Actor.person(workspace.marketer().accountId(), "Mia Marketer");
        Actor rep = Actor.person(workspace.salesRep().accountId(), "Sam Rep");
        Actor liaison = Actor.person(workspace.liaison().accountId(), "Lia Liaison");
        long id = lead.id();
        java.util.UUID tenant = workspace.tenantId();

        listener.on(new LeadHandedOff(
                tenant,
                id,
                marketer,
                Stage.MARKETING_QUALIFIED,
                Stage.AWAITING_ACCEPTANCE,
                "Sam Rep",
                true,
                null,
                workspace.salesRep().accountId(),
                "A lead"));
        listener.on(new HandoffRejected(
                tenant,
                id,
                rep,
                Stage.AWAITING_ACCEPTANCE,
                Stage.REJECTED,
                "NOT_READY",
                "Next year",
                workspace.marketer().accountId(),
                "A lead"));
        listener.on(new DisputeUpheld(
                tenant,
                id,
                liaison,
                Stage.IN_DISPUTE,
                Stage.REJECTED,
                "Right call",
                7,
                workspace.salesRep().accountId(),
                workspace.marketer().accountId(),
                "A lead"));
        listener.on(new DisputeOverturned(
                tenant,
                id,
                liaison,
                Stage.IN_DISPUTE,
                Stage.AWAITING_ACCEPTANCE,
                "Fits after all",
                "Sam Rep",
                8,
                workspace.salesRep().accountId(),
                workspace.marketer().accountId(),
                "A lead"));
        listener.on(new LeadStageChanged(
                tenant, id, rep, Stage.OPPORTUNITY, Stage.WON, "Signed", new BigDecimal("12500.00")));
        listener.on(new LeadStageChanged(tenant, id, rep, Stage.OPPORTUNITY, Stage.LOST, null, null));
        listener.on(new LeadStageChanged(tenant, id, rep, Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, null, null));
        listener.on(new AgreementActivated(tenant, Kind.CRITERIA, 42));
        listener.on(new AgreementActivated(tenant, Kind.FUNNEL, 43));

        // The listener runs after the commit on another thread, as the registry runs it: wait for its rows.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> types(workspace, all).size() == 7
                        && types(workspace, wonOnly).size() == 1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(types(workspace, all))
                .containsExactlyInAnyOrder(
                        "lead.handed_off",
                        "handoff.rejected",
                        "dispute.decided",
                        "dispute.decided",
                        "lead.won",
                        "lead.lost",
                        "criteria.activated");
        assertThat(types(workspace, wonOnly)).containsExactly("lead.won");
        assertThat(types(workspace, disabled)).isEmpty();

        Map<String, List<JsonNode>> bodies = bodies(workspace, all).stream()
                .collect(Collectors.groupingBy(body -> body.get("type").asString()));
        JsonNode handedOff = bodies.get("lead.handed_off").get(0);
        assertThat(handedOff.at("/data/assignee/id").asLong())
                .isEqualTo(workspace.salesRep().accountId());
        assertThat(handedOff.at("/data/lead/id").asLong()).isEqualTo(id);
        assertThat(handedOff.at("/data/lead/email").asString())
                .isEqualTo(lead.data().getEmail());
        JsonNode rejected = bodies.get("handoff.rejected").get(0);
        assertThat(rejected.at("/data/reason").asString()).isEqualTo("NOT_READY");
        assertThat(rejected.at("/data/comment").asString()).isEqualTo("Next year");
        assertThat(bodies.get("dispute.decided").stream()
                        .map(b -> b.at("/data/dispute/decision").asString()))
                .containsExactlyInAnyOrder("UPHELD", "OVERTURNED");
        JsonNode won = bodies.get("lead.won").get(0);
        assertThat(won.at("/data/dealValue").decimalValue()).isEqualByComparingTo("12500");
        assertThat(won.at("/data/movedBy/name").asString()).isEqualTo("Sam Rep");
        assertThat(bodies.get("lead.lost").get(0).at("/data/from").asString()).isEqualTo("OPPORTUNITY");
        JsonNode activated = bodies.get("criteria.activated").get(0);
        assertThat(activated.at("/data/versionId").asLong()).isEqualTo(42);
        assertThat(activated.at("/data/lead").isMissingNode()).isTrue();
    }

    private long register(TestWorkspace workspace, WebhookEvent... events) {
        return CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> webhooks.register(
                                "http://127.0.0.1:9/hooks",
                                null,
                                List.of(events),
                                workspace.admin().accountId()))
                .endpointId();
    }

    private List<String> types(TestWorkspace workspace, long endpoint) {
        return owner.jdbc()
                .sql("select event_type from webhook_delivery where tenant_id = ? and endpoint_id = ? order by id")
                .param(workspace.tenantId())
                .param(endpoint)
                .query(String.class)
                .list();
    }

    private List<JsonNode> bodies(TestWorkspace workspace, long endpoint) {
        return owner
                .jdbc()
                .sql("select body from webhook_delivery where tenant_id = ? and endpoint_id = ? order by id")
                .param(workspace.tenantId())
                .param(endpoint)
                .query(String.class)
                .list()
                .stream()
                .map(json::readTree)
                .toList();
    }
}
