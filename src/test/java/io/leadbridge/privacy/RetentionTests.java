package io.leadbridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.privacy.RetentionCandidates.Candidate;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.support.Together;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import io.leadbridge.timeline.Comments;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Retention: the run anonymises exactly what the preview listed, keeps the figures, runs once however many instances
 * run it, and its setting is the admin's of one workspace. The runs here are due at a moment a day ahead ({@link #due}),
 * so the scheduled job of the running application, on the real clock, never takes them.
 */
@IntegrationTest
class RetentionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    TestHandoffs given;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    RetentionManagement retention;

    @Autowired
    Comments comments;

    @Autowired
    RetentionJob job;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionCandidates candidates;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    Formats formats;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    /** A second instance of the application, as far as retention is concerned: its own job on the same database. */
    RetentionJob otherInstance(int batch) {
        return new RetentionJob(jdbc, candidates, privacy, formats, clock, transactions, batch);
    }

    /** When the runs of these tests are due: a day ahead, out of reach of the scheduled job. */
    final Instant due = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    long lead(TestWorkspace workspace, String stage) {
        long id = leads.create(workspace.marketer()).id();
        owner.jdbc()
                .sql("update lead set stage = ? where id = ?")
                .params(stage, id)
                .update();
        return id;
    }

    /** Nothing happened to these leads for six months: no edit, and every timeline entry that long ago. */
    void untouchedForSixMonths(UUID tenant, Long... ids) {
        EventPublications.awaitCompleted(owner, tenant);
        owner.jdbc()
                .sql("update lead set updated_at = now() - interval '6 months' where id = any(?)")
                .param(ids)
                .update();
        owner.jdbc()
                .sql("update lead_event set occurred_at = now() - interval '6 months' where lead_id = any(?)")
                .param(ids)
                .update();
    }

    /** Retention on after three months, through the admin's form, due at {@link #due}. */
    void retainThreeMonths(TestWorkspace workspace) throws Exception {
        mvc.perform(post("/admin/privacy/retention")
                        .param("enabled", "true")
                        .param("months", "3")
                        .param("runAt", "03:00")
                        .param("version", "-1")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        owner.jdbc()
                .sql("update retention_setting set next_run_at = ? where tenant_id = ?")
                .params(Timestamp.from(due), workspace.tenantId())
                .update();
    }

    List<Long> loggedIds(UUID tenant) {
        List<Long> ids = new ArrayList<>();
        owner.jdbc()
                .sql("select lead_ids from retention_run where tenant_id = ? order by id")
                .param(tenant)
                .query((rs, n) -> {
                    Array array = rs.getArray(1);
                    for (Object id : (Object[]) array.getArray()) {
                        ids.add(((Number) id).longValue());
                    }
                    return null;
                })
                .list();
        return ids;
    }

    String emailOf(long leadId) {
        return owner.jdbc()
                .sql("select email from lead where id = ?")
                .param(leadId)
                .query(String.class)
                .single();
    }

    @Test
    void theRunAnonymisesExactlyWhatThePreviewListedAndKeepsTheFigures() throws Exception {
        TestWorkspace workspace = workspaces.create();
        UUID tenant = workspace.tenantId();
        long nurture = lead(workspace, "NURTURE");
        long disqualified = lead(workspace, "DISQUALIFIED");
        long rejected = given.rejected(workspace).id();
        long sales = given.handedOff(workspace).id();
        long commentedLately = lead(workspace, "NURTURE");
        untouchedForSixMonths(tenant, nurture, disqualified, rejected, sales, commentedLately);
        long recent = lead(workspace, "NURTURE");
        // A comment today is a touch: the lead stays, however old its last edit.
        CurrentTenant.runAs(
                tenant,
                () -> comments.add(
                        commentedLately,
                        "Lead",
                        "Still interested next year",
                        workspace.marketer().accountId(),
                        "Mara Marketer"));
        EventPublications.awaitCompleted(owner, tenant);
        TestWorkspace other = workspaces.create();
        long othersOld = lead(other, "NURTURE");
        untouchedForSixMonths(other.tenantId(), othersOld);
        retainThreeMonths(workspace);
        retainThreeMonths(other);
        owner.jdbc()
                .sql("update retention_setting set next_run_at = ? where tenant_id = ?")
                .params(Timestamp.from(due.plus(1, ChronoUnit.DAYS)), other.tenantId())
                .update();

        RetentionManagement.Preview preview = CurrentTenant.callAs(tenant, retention::preview);
        Set<Long> previewed = new HashSet<>();
        preview.first().stream().map(Candidate::leadId).forEach(previewed::add);
        assertThat(preview.runAt()).isEqualTo(due);
        assertThat(preview.count()).isEqualTo(3);
        assertThat(previewed).containsExactlyInAnyOrder(nurture, disqualified, rejected);
        assertThat(preview.first())
                .extracting(Candidate::stage)
                .containsExactlyInAnyOrder("NURTURE", "DISQUALIFIED", "REJECTED");
        String page = mvc.perform(get("/admin/privacy").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (long id : previewed) {
            assertThat(page).contains("data-lead-id=\"" + id + "\"");
        }
        assertThat(page)
                .doesNotContain("data-lead-id=\"" + recent + "\"")
                .contains("Rejected by sales")
                .contains("anonymises 3 leads untouched since");
        Map<String, Object> figuresBefore = PrivacyTests.figures(owner, tenant);
        Map<String, Object> othersBefore = PrivacyTests.figures(owner, other.tenantId());

        assertThat(job.sweep(due)).isEqualTo(3);

        assertThat(new HashSet<>(loggedIds(tenant))).isEqualTo(previewed);
        for (long id : previewed) {
            assertThat(emailOf(id)).isEqualTo("erased-" + id + "@erased.invalid");
        }
        for (long id : List.of(sales, commentedLately, recent, othersOld)) {
            assertThat(emailOf(id)).doesNotContain("erased");
        }
        assertThat(loggedIds(other.tenantId())).isEmpty();
        assertThat(PrivacyTests.figures(owner, tenant)).isEqualTo(figuresBefore);
        assertThat(PrivacyTests.figures(owner, other.tenantId())).isEqualTo(othersBefore);
        assertThat(owner.count(
                        "select count(*) from retention_setting where tenant_id = ? and next_run_at > ?",
                        tenant,
                        Timestamp.from(due)))
                .isEqualTo(1);
        // Nothing is left for the next run, and the log shows the run, with ids only.
        assertThat(CurrentTenant.callAs(tenant, retention::preview).count()).isZero();
        String after = mvc.perform(get("/admin/privacy").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(after).contains("data-run-id=").contains(Long.toString(rejected));
        String othersPage = mvc.perform(get("/admin/privacy").with(user(other.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(othersPage).doesNotContain("data-run-id=").contains("data-lead-id=\"" + othersOld + "\"");
        // A second sweep at the same moment finds the run taken.
        assertThat(job.sweep(due)).isZero();
        assertThat(owner.count("select count(*) from retention_run where tenant_id = ?", tenant))
                .isEqualTo(1);
    }

    @Test
    void twoInstancesRunningAtOnceAnonymiseEachLeadOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        UUID tenant = workspace.tenantId();
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(lead(workspace, "NURTURE"));
        }
        untouchedForSixMonths(tenant, old.toArray(Long[]::new));
        retainThreeMonths(workspace);

        RetentionJob other = otherInstance(2);
        RetentionJob small = otherInstance(3);
        List<Integer> done = values(runTogether(
                List.of(() -> job.sweep(due), () -> other.sweep(due), () -> small.sweep(due), () -> job.sweep(due))));

        assertThat(done.stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
        assertThat(owner.count("select count(*) from retention_run where tenant_id = ?", tenant))
                .isEqualTo(1);
        assertThat(loggedIds(tenant)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(old);

        // Two runs at once over the same leads (say, an instance whose claim was late): SKIP LOCKED shares them out.
        List<Long> more = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            more.add(lead(workspace, "DISQUALIFIED"));
        }
        untouchedForSixMonths(tenant, more.toArray(Long[]::new));
        long[] runs = new long[2];
        for (int i = 0; i < 2; i++) {
            runs[i] = owner.jdbc()
                    .sql("insert into retention_run (tenant_id, ran_at, months) values (?, now(), 3) returning id")
                    .param(tenant)
                    .query(Long.class)
                    .single();
        }
        Instant since = Instant.now().minus(30, ChronoUnit.DAYS);
        List<Integer> shared = values(runTogether(List.of(
                () -> CurrentTenant.callAs(tenant, () -> other.anonymise(runs[0], since)),
                () -> CurrentTenant.callAs(tenant, () -> small.anonymise(runs[1], since)))));
        assertThat(shared.get(0) + shared.get(1)).isEqualTo(9);
        List<Long> all = loggedIds(tenant);
        assertThat(all).doesNotHaveDuplicates().hasSize(16).containsAll(more);
        for (long id : more) {
            assertThat(emailOf(id)).isEqualTo("erased-" + id + "@erased.invalid");
        }
    }

    @Test
    void theSettingIsValidatedAtItsFieldsAndKeptFromStaleForms() throws Exception {
        TestWorkspace workspace = workspaces.create();
        for (String months : List.of("0", "121", "", "many")) {
            String page = mvc.perform(post("/admin/privacy/retention")
                            .param("enabled", "true")
                            .param("months", months)
                            .param("runAt", "03:00")
                            .param("version", "-1")
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains("id=\"months-error\"");
        }
        String badTime = mvc.perform(post("/admin/privacy/retention")
                        .param("enabled", "true")
                        .param("months", "12")
                        .param("runAt", "25:00")
                        .param("version", "-1")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(badTime).contains("id=\"runAt-error\"").contains("Please enter a time of day such as 03:00.");
        assertThat(owner.count("select count(*) from retention_setting where tenant_id = ?", workspace.tenantId()))
                .isZero();

        mvc.perform(post("/admin/privacy/retention")
                        .param("enabled", "true")
                        .param("months", "12")
                        .param("runAt", "04:30")
                        .param("version", "-1")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        // A form opened before that change (still at "none yet") does not overwrite it.
        String stale = mvc.perform(post("/admin/privacy/retention")
                        .param("months", "1")
                        .param("runAt", "01:00")
                        .param("version", "-1")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(stale).contains("Someone else changed the retention setting in the meantime");
        RetentionManagement.Settings saved = CurrentTenant.callAs(workspace.tenantId(), retention::settings);
        assertThat(saved.enabled()).isTrue();
        assertThat(saved.months()).isEqualTo(12);
        assertThat(saved.runAt()).hasToString("04:30");
        assertThat(saved.nextRunAt()).isAfter(Instant.now());
        // The current version saves.
        mvc.perform(post("/admin/privacy/retention")
                        .param("months", "6")
                        .param("runAt", "01:00")
                        .param("version", Integer.toString(saved.version()))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        RetentionManagement.Settings off = CurrentTenant.callAs(workspace.tenantId(), retention::settings);
        assertThat(off.enabled()).isFalse();
        assertThat(off.months()).isEqualTo(6);
        assertThat(off.nextRunAt()).isNull();
    }

    @Test
    void onlyTheAdminSetsRetentionAndOnlyForTheirOwnWorkspace() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        for (var person : List.of(workspace.marketer(), workspace.salesRep(), workspace.liaison())) {
            mvc.perform(post("/admin/privacy/retention")
                            .param("enabled", "true")
                            .param("months", "3")
                            .param("runAt", "03:00")
                            .param("version", "-1")
                            .with(user(person))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        retainThreeMonths(other);
        assertThat(owner.count("select count(*) from retention_setting where tenant_id = ?", workspace.tenantId()))
                .isZero();
        assertThat(owner.count("select count(*) from retention_setting where tenant_id = ?", other.tenantId()))
                .isEqualTo(1);
        // The other workspace's setting is not this admin's: their form starts from "none yet", off.
        RetentionManagement.Settings mine = CurrentTenant.callAs(workspace.tenantId(), retention::settings);
        assertThat(mine.enabled()).isFalse();
        assertThat(mine.version()).isEqualTo(-1);
    }

    @Test
    void theDailyRunIsAtItsTimeOfDayInTheWorkspacesZoneAndMonthsAreCalendarMonths() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 02:30 UTC on the day summer time ends is 03:30 in Berlin: today's 03:00 has passed, the next is tomorrow's.
        Instant now = Instant.parse("2026-10-25T02:30:00Z");
        assertThat(RetentionManagement.nextRun(LocalTime.of(3, 0), berlin, now))
                .isEqualTo(Instant.parse("2026-10-26T02:00:00Z"));
        assertThat(RetentionManagement.nextRun(LocalTime.of(4, 0), berlin, now))
                .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
        assertThat(RetentionManagement.untouchedSince(Instant.parse("2026-03-31T10:00:00Z"), 1, berlin))
                .isEqualTo(Instant.parse("2026-02-28T11:00:00Z"));
    }

    static <T> List<Future<T>> runTogether(List<Callable<T>> work) throws InterruptedException {
        // Answers once every task has ended, as it ended: the caller looks at each.
        List<Future<T>> futures = Together.run(work);
        for (Future<T> future : futures) {
            try {
                future.get();
            } catch (ExecutionException ended) {
                // The caller reads the failure from the future.
            }
        }
        return futures;
    }

    static <T> List<T> values(List<Future<T>> futures) {
        return futures.stream()
                .map(future -> {
                    try {
                        return future.get();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}
