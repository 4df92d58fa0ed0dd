package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.KeptCountFolds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The funnel's counts are kept by the database, not counted on each view: after inserts, moves and deletions — in
 * bulk, one by one, and from many connections at once — they equal a direct count, before and after the background
 * job folds the changes in, and never include another workspace's leads.
 */
@IntegrationTest
class StageCountsTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    StageCounts counts;

    @Autowired
    KeptCountFolds folds;

    @Autowired
    OwnerDatabase database;

    @Test
    void countsFollowInsertsMovesAndDeletionsAndStayInTheirWorkspace() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        leads.create(mine.marketer());
        leads.create(mine.marketer());
        leads.create(theirs.marketer());
        insert(mine.tenantId(), 300, "bulk");
        insert(theirs.tenantId(), 50, "theirs");
        assertThat(now(mine)).isEqualTo(counted(mine.tenantId()));
        assertThat(total(now(mine))).isEqualTo(302);

        // One statement moving many leads, one moving a single lead, one changing something else, one deleting.
        database.jdbc()
                .sql("update lead set stage = 'NURTURE' where tenant_id = ? and email like 'bulk-1%'")
                .param(mine.tenantId())
                .update();
        database.jdbc()
                .sql("update lead set stage = 'WON' where tenant_id = ? and email = 'bulk-2-w2@counts.example'")
                .param(mine.tenantId())
                .update();
        database.jdbc()
                .sql("update lead set job_title = 'Buyer' where tenant_id = ?")
                .param(mine.tenantId())
                .update();
        // A rep takes some over, then hands one back.
        long rep = mine.salesRep().accountId();
        database.jdbc()
                .sql(
                        "update lead set stage = 'SALES_ACCEPTED', owner_id = ? where tenant_id = ? and email like 'bulk-4%'")
                .param(rep)
                .param(mine.tenantId())
                .update();
        database.jdbc()
                .sql("update lead set owner_id = null where tenant_id = ? and email = 'bulk-4-w4@counts.example'")
                .param(mine.tenantId())
                .update();
        database.jdbc()
                .sql("delete from lead where tenant_id = ? and email like 'bulk-3%'")
                .param(mine.tenantId())
                .update();
        Map<Stage, Long> expected = counted(mine.tenantId());
        assertThat(expected).containsKeys(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.WON);
        assertThat(now(mine)).isEqualTo(expected);

        Map<Stage, Long> owned = CurrentTenant.callAs(mine.tenantId(), () -> counts.ownedBy(rep));
        assertThat(owned).isEqualTo(counted(mine.tenantId(), rep)).containsOnlyKeys(Stage.SALES_ACCEPTED);

        folds.fold();
        assertThat(now(mine)).isEqualTo(expected);
        assertThat(CurrentTenant.callAs(mine.tenantId(), () -> counts.ownedBy(rep)))
                .isEqualTo(owned);
        assertThat(now(theirs)).isEqualTo(counted(theirs.tenantId()));
        assertThat(total(now(theirs))).isEqualTo(51);
    }

    @Test
    void writersAtTheSameTimeLoseNoChange() throws Exception {
        TestWorkspace mine = workspaces.create();
        insert(mine.tenantId(), 400, "many");
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(CompletableFuture.runAsync(
                    () -> {
                        await(start);
                        for (int round = 0; round < 10; round++) {
                            // Each writer moves its own leads one statement at a time and adds some, while others do
                            // the same.
                            database.jdbc()
                                    .sql("""
                                    update lead set stage = case stage when 'NEW_INQUIRY' then 'MARKETING_QUALIFIED'
                                        else 'NEW_INQUIRY' end
                                    where tenant_id = ? and email like ?
                                    """)
                                    .param(mine.tenantId())
                                    .param("many-%-w" + writer + "@counts.example")
                                    .update();
                            insert(mine.tenantId(), 3, "w" + writer + "r" + round);
                            if (round == 5 && writer == 0) {
                                folds.fold();
                            }
                        }
                    },
                    threads));
        }
        await(start);
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        threads.shutdown();
        Map<Stage, Long> expected = counted(mine.tenantId());
        assertThat(total(expected)).isEqualTo(400 + 8 * 10 * 3);
        assertThat(now(mine)).isEqualTo(expected);
        folds.fold();
        assertThat(now(mine)).isEqualTo(expected);
    }

    private void insert(UUID tenant, int n, String prefix) {
        database.jdbc().sql("""
                        insert into lead (tenant_id, email, company_name)
                        select ?, ? || '-' || i || '-w' || (i % 8) || '@counts.example', 'Counts ' || i
                        from generate_series(1, ?) as i
                        """).param(tenant).param(prefix).param(n).update();
    }

    private Map<Stage, Long> now(TestWorkspace workspace) {
        return CurrentTenant.callAs(workspace.tenantId(), counts::now);
    }

    private Map<Stage, Long> counted(UUID tenant) {
        return counted(tenant, null);
    }

    private Map<Stage, Long> counted(UUID tenant, Long owner) {
        Map<Stage, Long> direct = new EnumMap<>(Stage.class);
        database.jdbc()
                .sql("select stage, count(*) from lead where tenant_id = :t"
                        + " and (cast(:owner as bigint) is null or owner_id = :owner) group by stage")
                .param("t", tenant)
                .param("owner", owner, java.sql.Types.BIGINT)
                .query((rs, row) -> direct.put(Stage.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return direct;
    }

    private static long total(Map<Stage, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
