package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import io.leadbridge.support.TestImports;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Search reads its own table, {@code lead_search} (ADR 0024): every write of a lead keeps it in the same transaction,
 * but an import's leads are indexed by a background job after the commit, and searched in the backlog until then. What
 * a person searching sees, before and after the job, after an edit and an erasure, and that no workspace sees
 * another's leads.
 */
@IntegrationTest
class LeadSearchIndexTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads testLeads;

    @Autowired
    LeadManagement leads;

    @Autowired
    LeadSearchIndexing indexing;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestImports imports;

    @Autowired
    Flyway flyway;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    StageCounts stageCounts;

    @Autowired
    @Qualifier("taskScheduler")
    ThreadPoolTaskScheduler scheduler;

    /** The e-mail addresses of the leads a search in the workspace's list finds (its first page). */
    List<String> found(SignedInAccount person, String q) {
        return CurrentTenant.callAs(
                person.tenantId(),
                () -> leads.list(new LeadQuery(q, null, null, null, null, null, null, null, null, null)).rows().stream()
                        .map(LeadPage.Row::email)
                        .toList());
    }

    /** The job's lock held on a connection of its own while {@code work} runs: the job indexes nothing meanwhile. */
    void withTheJobHeldOff(ThrowingRunnable work) throws Exception {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(hashtext('index_lead_search_backlog'))");
            try {
                work.run();
                assertThat(indexing.indexBacklog())
                        .as("the job waits while its lock is held")
                        .isZero();
            } finally {
                statement.execute("select pg_advisory_unlock(hashtext('index_lead_search_backlog'))");
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    long backlog(UUID tenant) {
        return owner.count("select count(*) from lead_search_backlog where tenant_id = ?", tenant);
    }

    long searchRows(UUID tenant, String text) {
        return owner.count(
                "select count(*) from lead_search where tenant_id = ? and search_text like ?",
                tenant,
                "%" + text + "%");
    }

    static String unique() {
        return "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void anImportedLeadIsFoundRightAfterTheImportBeforeAndAfterTheJobIndexedIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String name = unique();
        String email = name + "@imported.example";
        withTheJobHeldOff(() -> {
            imports.imported(workspace.marketer(), "search.csv", """
                    firstName,lastName,email,companyName
                    Ida,%1$s,%2$s,Import AG
                    Otto,Other,%3$s@imported.example,Other AG
                    """.formatted(name, email, unique()));
            assertThat(backlog(workspace.tenantId()))
                    .as("the import wrote its leads only, and their range to the backlog")
                    .isPositive();
            assertThat(searchRows(workspace.tenantId(), name)).isZero();

            assertThat(found(workspace.marketer(), name.toUpperCase(java.util.Locale.ROOT)))
                    .containsExactly(email);
            assertThat(found(workspace.marketer(), "ida " + name)).containsExactly(email);
            assertThat(found(workspace.marketer(), "Import AG")).containsExactly(email);
        });

        indexing.indexBacklog();
        assertThat(backlog(workspace.tenantId())).isZero();
        assertThat(searchRows(workspace.tenantId(), name)).isEqualTo(1);
        assertThat(owner.count("select count(*) from lead_search where tenant_id = ?", workspace.tenantId()))
                .as("both imported leads indexed")
                .isEqualTo(2);
        assertThat(found(workspace.marketer(), name.toUpperCase(java.util.Locale.ROOT)))
                .containsExactly(email);
        assertThat(found(workspace.marketer(), "ida " + name)).containsExactly(email);
        assertThat(found(workspace.marketer(), "@imported.example")).hasSize(2);
    }

    /** Posts a batch of the intake API with a new key of the workspace: e-mail address, last name, and so on. */
    void batch(TestWorkspace workspace, String... emailsAndNames) throws Exception {
        String key = apiKeys.create(workspace, "Batch").value();
        StringBuilder leadsJson = new StringBuilder();
        for (int i = 0; i < emailsAndNames.length; i += 2) {
            leadsJson.append(i == 0 ? "" : ",").append("""
                            {"firstName": "Ida", "lastName": "%s", "email": "%s", "companyName": "Batch AG",
                             "employees": 240, "timeline": "THIS_QUARTER"}
                            """.formatted(emailsAndNames[i + 1], emailsAndNames[i]));
        }
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\":[" + leadsJson + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(emailsAndNames.length / 2));
    }

    long newInquiries(TestWorkspace workspace) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> stageCounts.now())
                .getOrDefault(Stage.NEW_INQUIRY, 0L);
    }

    @Test
    void aBatchsLeadsAreFoundAndCountedRightAfterTheBatchBeforeAndAfterTheJobIndexedThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String name = unique();
        String email = name + "@batched.example";
        String other = unique() + "@batched.example";
        long before = newInquiries(workspace);
        withTheJobHeldOff(() -> {
            batch(workspace, email, name, other, "Other");
            assertThat(backlog(workspace.tenantId()))
                    .as("the batch wrote its leads only, and their range to the backlog")
                    .isEqualTo(1);
            assertThat(searchRows(workspace.tenantId(), name)).isZero();

            assertThat(found(workspace.marketer(), name.toUpperCase(java.util.Locale.ROOT)))
                    .containsExactly(email);
            assertThat(found(workspace.marketer(), "ida " + name)).containsExactly(email);
            assertThat(found(workspace.marketer(), "@batched.example")).containsExactlyInAnyOrder(email, other);
            assertThat(newInquiries(workspace))
                    .as("the stage counts hold the batch's leads at once")
                    .isEqualTo(before + 2);
        });

        assertThat(indexing.indexBacklog()).isGreaterThanOrEqualTo(2);
        assertThat(backlog(workspace.tenantId())).isZero();
        assertThat(searchRows(workspace.tenantId(), name)).isEqualTo(1);
        assertThat(owner.count("select count(*) from lead_search where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
        assertThat(found(workspace.marketer(), "ida " + name)).containsExactly(email);
        assertThat(found(workspace.marketer(), "@batched.example")).containsExactlyInAnyOrder(email, other);
        assertThat(newInquiries(workspace)).isEqualTo(before + 2);
    }

    @Test
    void theJobIndexesManyBatchesInOneTransactionAndOverlappingRangesOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String name = unique();
        // The job's lock, held by this session: the scheduled job waits, and this session's call of the job's function
        // (the same session may take the lock again) is the one that indexes.
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(hashtext('index_lead_search_backlog'))");
            try {
                for (int i = 0; i < 5; i++) {
                    batch(workspace, name + "-" + i + "@batched.example", name + "x" + i);
                }
                // Concurrent batches draw interleaved ids, so their ranges overlap: one range more that covers them
                // all.
                owner.jdbc().sql("""
                                insert into lead_search_backlog (tenant_id, first_id, last_id, leads)
                                select tenant_id, min(first_id), max(last_id), 5 from lead_search_backlog
                                where tenant_id = ? group by tenant_id
                                """).param(workspace.tenantId()).update();
                assertThat(backlog(workspace.tenantId())).isEqualTo(6);

                try (var result = statement.executeQuery(
                        "select index_lead_search_backlog(" + LeadSearchIndexing.LEADS_PER_TRANSACTION + ")")) {
                    result.next();
                    assertThat(result.getInt(1)).isGreaterThanOrEqualTo(5);
                }
                assertThat(backlog(workspace.tenantId()))
                        .as("one transaction took all six ranges")
                        .isZero();
            } finally {
                statement.execute("select pg_advisory_unlock(hashtext('index_lead_search_backlog'))");
            }
        }
        assertThat(searchRows(workspace.tenantId(), name))
                .as("each lead written once")
                .isEqualTo(5);
        assertThat(found(workspace.marketer(), name)).hasSize(5);
    }

    @Test
    void anEditedLeadIsFoundByItsNewNameAndNotByItsOldOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String oldName = unique();
        String newName = unique();
        LeadInput input = TestLeads.qualifiedLead("Vera", oldName);
        input.setCompanyName("Neutral GmbH " + unique());
        LeadView lead = testLeads.create(workspace.marketer(), input);
        assertThat(found(workspace.marketer(), oldName)).containsExactly(input.getEmail());

        input.setLastName(newName);
        testLeads.edit(workspace.marketer(), lead, input);

        assertThat(found(workspace.marketer(), newName)).containsExactly(input.getEmail());
        assertThat(found(workspace.marketer(), "vera " + newName)).containsExactly(input.getEmail());
        assertThat(found(workspace.marketer(), oldName)).isEmpty();
        assertThat(searchRows(workspace.tenantId(), oldName)).isZero();
    }

    @Test
    void anImportedLeadEditedBeforeTheJobIsFoundByItsNewNameOnly() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String oldName = unique();
        String newName = unique();
        String email = oldName + "@imported.example";
        withTheJobHeldOff(() -> {
            imports.imported(workspace.marketer(), "search.csv", """
                    firstName,lastName,email,companyName
                    Ida,%s,%s,Import AG
                    """.formatted(oldName, email));
            owner.jdbc()
                    .sql("update lead set last_name = ? where tenant_id = ? and email = ?")
                    .params(newName, workspace.tenantId(), email)
                    .update();
            assertThat(found(workspace.marketer(), newName)).containsExactly(email);
            assertThat(found(workspace.marketer(), oldName)).containsExactly(email); // the address holds it
            assertThat(found(workspace.marketer(), "ida " + oldName)).isEmpty();
        });
        indexing.indexBacklog();
        assertThat(found(workspace.marketer(), "ida " + newName)).containsExactly(email);
        assertThat(found(workspace.marketer(), "ida " + oldName)).isEmpty();
        assertThat(owner.count("select count(*) from lead_search where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void anErasedPersonIsNotFoundByTheirOldNameOrAddress() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String name = unique();
        LeadInput input = TestLeads.qualifiedLead("Erna", name);
        testLeads.create(workspace.marketer(), input);
        assertThat(found(workspace.marketer(), name)).containsExactly(input.getEmail());

        mvc.perform(post("/admin/privacy/erase")
                        .param("email", input.getEmail())
                        .param("confirmation", input.getEmail())
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(found(workspace.marketer(), name)).isEmpty();
        assertThat(found(workspace.marketer(), "erna " + name)).isEmpty();
        assertThat(found(workspace.marketer(), input.getEmail())).isEmpty();
        assertThat(searchRows(workspace.tenantId(), name)).isZero();
        assertThat(owner.count(
                        "select count(*) from lead_search where tenant_id = ? and search_text like ?",
                        workspace.tenantId(),
                        "%" + input.getEmail().toLowerCase(java.util.Locale.ROOT) + "%"))
                .isZero();
    }

    @Test
    void noWorkspaceFindsAnothersLeadsInTheIndexOrInTheBacklog() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        String name = unique();
        String myEmail = "mine-" + name + "@imported.example";
        String theirEmail = "theirs-" + name + "@imported.example";
        String theirFormEmail = "form-" + name + "@imported.example";
        LeadInput formLead = TestLeads.qualifiedLead("Fritz", name);
        formLead.setEmail(theirFormEmail);
        testLeads.create(theirs.marketer(), formLead);
        withTheJobHeldOff(() -> {
            imports.imported(mine.marketer(), "search.csv", """
                    firstName,lastName,email,companyName
                    Ida,%s,%s,Import AG
                    """.formatted(name, myEmail));
            imports.imported(theirs.marketer(), "search.csv", """
                    firstName,lastName,email,companyName
                    Ida,%s,%s,Import AG
                    """.formatted(name, theirEmail));
            assertThat(backlog(mine.tenantId())).isPositive();
            assertThat(backlog(theirs.tenantId())).isPositive();

            assertThat(found(mine.marketer(), name)).containsExactly(myEmail);
            assertThat(found(theirs.marketer(), name)).containsExactlyInAnyOrder(theirEmail, theirFormEmail);
        });
        indexing.indexBacklog();
        assertThat(found(mine.marketer(), name)).containsExactly(myEmail);
        assertThat(found(theirs.marketer(), name)).containsExactlyInAnyOrder(theirEmail, theirFormEmail);
        assertThat(found(mine.marketer(), "@imported.example")).containsExactly(myEmail);
    }

    /**
     * A round held up in the database (the search table locked by another transaction, as a long round under a large
     * backlog holds on) runs on the job's own thread: the tick hands over no second round meanwhile, and every thread of
     * the scheduler stays free for the SLA watch and the other jobs. Once the lock goes, the round indexes the batch.
     */
    @Test
    void aLongRoundRunsOnTheJobsOwnThreadAndLeavesTheSchedulerFree() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String name = unique();
        String email = name + "@batched.example";
        try (Connection blocker = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            try {
                statement.execute("lock table lead_search in share mode");
                batch(workspace, email, name);

                await().atMost(Duration.ofSeconds(15)).until(() -> owner.count("""
                                select count(*) from pg_stat_activity
                                where wait_event_type = 'Lock' and query like '%index_lead_search_backlog%'
                                """) == 1);

                assertThat(threadsIndexing())
                        .as("the round runs on the job's thread, not on the scheduler's")
                        .singleElement()
                        .asString()
                        .startsWith(SearchIndexingConfiguration.THREAD_NAME_PREFIX);
                long handing = System.nanoTime();
                assertThat(indexing.startRound())
                        .as("no second round while one runs")
                        .isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - handing)).isLessThan(Duration.ofSeconds(1));

                int threads = scheduler.getScheduledThreadPoolExecutor().getCorePoolSize();
                CountDownLatch allAtOnce = new CountDownLatch(threads);
                for (int i = 0; i < threads; i++) {
                    scheduler.execute(() -> {
                        allAtOnce.countDown();
                        try {
                            allAtOnce.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                assertThat(allAtOnce.await(10, TimeUnit.SECONDS))
                        .as("all %d threads of the scheduler run a job at once", threads)
                        .isTrue();
                assertThat(backlog(workspace.tenantId())).isEqualTo(1);
            } finally {
                blocker.rollback();
            }
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> backlog(workspace.tenantId()) == 0);
        assertThat(searchRows(workspace.tenantId(), name)).isEqualTo(1);
        assertThat(found(workspace.marketer(), "ida " + name)).containsExactly(email);
    }

    /** The names of the threads that are in a round of the job now. */
    static List<String> threadsIndexing() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(LeadSearchIndexing.class.getName())
                                && frame.getMethodName().equals("indexBacklog")))
                .map(thread -> thread.getKey().getName())
                .toList();
    }
}
