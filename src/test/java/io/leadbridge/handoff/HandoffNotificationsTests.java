package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notification listener is a plain {@code @ApplicationModuleListener}: the tenant module runs it in the event's
 * workspace, set before its transaction begins, whatever workspace (or none) the thread that calls it carries — as when
 * a publication is resubmitted (docs/adr/0008).
 */
@IntegrationTest
class HandoffNotificationsTests {

    @Autowired
    HandoffNotifications listener;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Test
    void aListenerWorksInTheEventsWorkspaceWhateverTheCallingThreadCarries() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();

        listener.on(accepted(workspace, 1_000_001));
        CurrentTenant.runAs(other.tenantId(), () -> listener.on(accepted(workspace, 1_000_002)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(owner.count(
                                "select count(*) from notification where tenant_id = ? and recipient_id = ?"
                                        + " and message_key = 'notification.handoffAccepted'"
                                        + " and link in ('/leads/1000001', '/leads/1000002')",
                                workspace.tenantId(),
                                workspace.marketer().accountId()))
                        .isEqualTo(2));
        assertThat(owner.count(
                        "select count(*) from notification where tenant_id = ?"
                                + " and message_key = 'notification.handoffAccepted'",
                        other.tenantId()))
                .isZero();
    }

    private static HandoffAccepted accepted(TestWorkspace workspace, long leadId) {
        return new HandoffAccepted(
                workspace.tenantId(),
                leadId,
                Actor.person(workspace.salesRep().accountId(), "Sam Rep"),
                Stage.AWAITING_ACCEPTANCE,
                Stage.SALES_ACCEPTED,
                workspace.marketer().accountId(),
                "A lead");
    }
}
