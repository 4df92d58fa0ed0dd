package io.leadbridge.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ReevaluationRecoveryTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    ReevaluationRecovery recovery;

    @Autowired
    OwnerDatabase owner;

    /** A re-evaluation recorded as running, with its last heartbeat at the given time (an SQL expression). */
    private long run(TestWorkspace workspace, long version, String heartbeat) {
        return owner.jdbc()
                .sql("insert into criteria_reevaluation (tenant_id, version_id, status, total, done, heartbeat_at)"
                        + " values (?, ?, 'RUNNING', 1, 0, " + heartbeat + ") returning id")
                .params(workspace.tenantId(), version)
                .query(Long.class)
                .single();
    }

    @Test
    void aRunInterruptedByAStopIsRunAgainAtStartUpAndALiveOneIsLeftAlone() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        long version = owner.count(
                "select id from agreement_version where tenant_id = ? and kind = 'CRITERIA' and status = 'ACTIVE'",
                workspace.tenantId());
        owner.jdbc()
                .sql("delete from lead_evaluation where lead_id = ?")
                .param(lead.id())
                .update();
        long stale = run(workspace, version, "now() - interval '10 minutes'");
        long alive = run(workspace, version, "now()");

        assertThat(recovery.recover(Duration.ofMinutes(2))).contains(stale).doesNotContain(alive);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> owner.jdbc()
                        .sql("select status from criteria_reevaluation where id = ?")
                        .param(stale)
                        .query(String.class)
                        .single()
                        .equals("DONE"));
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where lead_id = ? and version_id = ?",
                        lead.id(),
                        version))
                .isOne();
        assertThat(owner.jdbc()
                        .sql("select status from criteria_reevaluation where id = ?")
                        .param(alive)
                        .query(String.class)
                        .single())
                .isEqualTo("RUNNING");
        owner.jdbc()
                .sql("update criteria_reevaluation set status = 'DONE' where id = ?")
                .param(alive)
                .update();
    }

    @Test
    void ofTwoInstancesFindingTheSameStaleRunAtOnceOneResumesIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        leads.create(workspace.marketer());
        long version = owner.count(
                "select id from agreement_version where tenant_id = ? and kind = 'CRITERIA' and status = 'ACTIVE'",
                workspace.tenantId());
        long stale = run(workspace, version, "now() - interval '10 minutes'");

        // Two rounds of recovery at the same moment, as two instances' would be.
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<java.util.List<Long>> round = () -> {
                start.await();
                return recovery.recover(Duration.ofMinutes(2));
            };
            var first = two.submit(round);
            var second = two.submit(round);
            start.countDown();
            long resumed = java.util.stream.Stream.of(first.get(), second.get())
                    .filter(ids -> ids.contains(stale))
                    .count();
            assertThat(resumed).isOne();
        } finally {
            two.shutdown();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> owner.jdbc()
                        .sql("select status from criteria_reevaluation where id = ?")
                        .param(stale)
                        .query(String.class)
                        .single()
                        .equals("DONE"));
    }
}
