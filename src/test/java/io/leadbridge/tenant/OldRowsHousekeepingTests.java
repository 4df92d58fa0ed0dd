package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The tables that would otherwise grow for ever — the intake API's remembered answers and the webhook deliveries —
 * are forgotten after what each keeps (a day; 30 days), in every workspace, in rounds of bounded deletes; what is
 * younger, and a delivery still pending, stays.
 */
@IntegrationTest
class OldRowsHousekeepingTests {

    @Autowired
    OldRowsHousekeeping housekeeping;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Test
    void intakeAnswersOlderThanADayAreForgottenInEveryWorkspaceAndYoungerOnesKept() {
        TestWorkspace first = workspaces.create();
        TestWorkspace second = workspaces.create();
        // More than one delete's worth in the first workspace: a round keeps deleting while it finds full batches.
        int many = OldRowsHousekeeping.PER_CALL + 50;
        replays(first, many, "25 hours");
        replays(first, 3, "23 hours");
        replays(second, 2, "3 days");

        housekeeping.forgetAsOf(Instant.now());

        assertThat(replaysOf(first)).hasSize(3).allMatch(key -> key.startsWith("23 hours"));
        assertThat(replaysOf(second)).isEmpty();
    }

    @Test
    void deliveredAndFailedWebhookDeliveriesAreForgottenAfterThirtyDaysAndPendingOnesKept() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        long endpoint = endpoint(workspace);
        long otherEndpoint = endpoint(other);
        delivery(workspace, endpoint, "old-delivered", "DELIVERED", "31 days");
        delivery(workspace, endpoint, "old-failed", "FAILED", "40 days");
        delivery(workspace, endpoint, "old-pending", "PENDING", "31 days");
        delivery(workspace, endpoint, "recent-delivered", "DELIVERED", "29 days");
        delivery(other, otherEndpoint, "other-old", "DELIVERED", "31 days");

        housekeeping.forgetAsOf(Instant.now());

        assertThat(messagesOf(workspace)).containsExactly("old-pending", "recent-delivered");
        assertThat(messagesOf(other)).isEmpty();
    }

    private void replays(TestWorkspace workspace, int count, String age) {
        owner.jdbc().sql("""
                        insert into idempotent_request
                            (tenant_id, idempotency_key, request_hash, response_status, response_body, created_at)
                        select ?, ? || ' ' || n, 'hash', 201, '{}', now() - cast(? as interval)
                        from generate_series(1, ?) n
                        """).params(workspace.tenantId(), age, age, count).update();
    }

    private List<String> replaysOf(TestWorkspace workspace) {
        return owner.jdbc()
                .sql("select idempotency_key from idempotent_request where tenant_id = ?")
                .param(workspace.tenantId())
                .query(String.class)
                .list();
    }

    private long endpoint(TestWorkspace workspace) {
        return owner.jdbc()
                .sql("""
                        insert into webhook_endpoint (tenant_id, url, events, secret, created_by, created_at)
                        values (?, 'https://crm.example.com/hooks', '{lead.created}', 'whsec_x', ?, now())
                        returning id
                        """)
                .params(workspace.tenantId(), workspace.admin().accountId())
                .query(Long.class)
                .single();
    }

    /** A pending one is due tomorrow: the sender, running meanwhile, must not take it (and fail it) during the test. */
    private void delivery(TestWorkspace workspace, long endpoint, String message, String state, String age) {
        owner.jdbc()
                .sql("""
                        insert into webhook_delivery
                            (tenant_id, endpoint_id, message_id, event_type, body, created_at, state, next_attempt_at)
                        values (?, ?, ?, 'lead.created', '{}', now() - cast(? as interval), ?,
                                case when ? = 'PENDING' then now() + interval '1 day' end)
                        """)
                .params(workspace.tenantId(), endpoint, message, age, state, state)
                .update();
    }

    private List<String> messagesOf(TestWorkspace workspace) {
        return owner.jdbc()
                .sql("select message_id from webhook_delivery where tenant_id = ? order by message_id")
                .param(workspace.tenantId())
                .query(String.class)
                .list();
    }
}
