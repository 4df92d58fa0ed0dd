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
        long stale = owner.jdbc()
                .sql("""
                        insert into criteria_reevaluation (tenant_id, version_id, status, total, done, heartbeat_at)
                        values (?, ?, 'RUNNING', 1, 0, now() - interval '10 minutes') returning id
                        """)
                .params(workspace.tenantId(), version)
                .query(Long.class)
                .single();
        long alive = owner.jdbc()
                .sql("""
                        insert into criteria_reevaluation (tenant_id, version_id, status, total, done, heartbeat_at)
                        values (?, ?, 'RUNNING', 1, 0, now()) returning id
                        """)
                .params(workspace.tenantId(), version)
                .query(Long.class)
                .single();

        assertThat(recovery.recover(Duration.ofMinutes(2))).isGreaterThanOrEqualTo(1);

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
}
