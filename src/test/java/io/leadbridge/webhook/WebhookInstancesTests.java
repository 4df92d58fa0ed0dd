package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.ExtraInstances;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Two instances of LeadBridge on one PostgreSQL (the tests' own and one more) both run the sender: each delivery
 * reaches the receiver once, whichever instance claims it (docs/adr/0011, 0012).
 */
@IntegrationTest
class WebhookInstancesTests {

    private static final int DELIVERIES = 60;

    @Autowired
    Environment environment;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    WebhookManagement webhooks;

    @Test
    void eachDeliveryArrivesOnceWhenTwoInstancesSend() throws Exception {
        TestWorkspace workspace = workspaces.create();
        try (ExtraInstances instances = new ExtraInstances(environment);
                Receiver receiver = new Receiver(200).after(Duration.ofMillis(100))) {
            instances.start();
            long endpoint = CurrentTenant.callAs(
                            workspace.tenantId(),
                            () -> webhooks.register(
                                    receiver.url(),
                                    null,
                                    List.of(WebhookEvent.LEAD_WON),
                                    workspace.admin().accountId()))
                    .endpointId();
            // Written while the endpoint is disabled, then released at once, so both senders find them all due.
            CurrentTenant.runAs(workspace.tenantId(), () -> {
                webhooks.disable(endpoint);
                for (int i = 0; i < DELIVERIES; i++) {
                    webhooks.sendTest(endpoint);
                }
                webhooks.enable(endpoint);
            });

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> owner.count(
                                    "select count(*) from webhook_delivery where tenant_id = ? and state = 'DELIVERED'",
                                    workspace.tenantId())
                            == DELIVERIES);
            Thread.sleep(2000); // room for a late duplicate

            Map<String, Long> perId = receiver.requests().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertThat(perId).hasSize(DELIVERIES);
            assertThat(perId.values()).allMatch(count -> count == 1);
            assertThat(owner.count(
                            "select count(*) from webhook_delivery where tenant_id = ? and attempts <> 1",
                            workspace.tenantId()))
                    .isZero();
        }
    }
}
