package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.StageCounts;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rep's queue as issue 16 wants it: counts that follow each decision (summary, menu badge, title), the comment
 * hints in a row's reject form, the urgency and the due moment in the person's calendar, the undo of a decision (with
 * its races), and the rep's landing page. Against real PostgreSQL, each test in a workspace of its own.
 */
@IntegrationTest
class QueueTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    io.leadbridge.account.AccountManagement accounts;

    @Autowired
    TestHandoffs given;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    Handoffs handoffs;

    @Autowired
    RepQueue repQueue;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    StageCounts stageCounts;

    @Autowired
    Formats formats;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    LeadView lead(TestWorkspace workspace, long id) {
        return in(workspace, () -> leadManagement.lead(id));
    }

    String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    MockHttpServletRequestBuilder htmx(MockHttpServletRequestBuilder request, SignedInAccount as) {
        return request.header("HX-Request", "true").with(user(as)).with(csrf());
    }

    long count(String sql, Object... params) {
        return owner.count(sql, params);
    }

    // --- counts that follow each decision ---

    @Test
    void theQueueCountIsInTheTitleAndMenuAndEveryDecisionAnswersWithTheFreshCounts() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView first = given.handedOff(workspace);
        LeadView second = given.handedOff(workspace);
        LeadView third = given.handedOff(workspace);

        String page = html(get("/sales/queue").with(user(rep)));
        assertThat(page).contains("<title>(3) Your queue · LeadBridge</title>");
        assertThat(navCount(page)).isEqualTo("3");
        assertThat(page).contains("3 leads await your decision");
        // Every page of a rep shows the count on the Queue item.
        assertThat(navCount(html(get("/leads").with(user(rep))))).isEqualTo("3");

        String accepted = html(htmx(post("/leads/{id}/accept", first.id()), rep));
        assertThat(accepted).contains("data-title=\"(2) Your queue · LeadBridge\"");
        assertThat(accepted).containsPattern("id=\"queue-summary\"[^>]*hx-swap-oob=\"true\"");
        assertThat(accepted).contains("2 leads await your decision");
        assertThat(navCount(accepted)).isEqualTo("2");

        String rejected =
                html(htmx(post("/leads/{id}/reject", second.id()), rep).param("reason", "NO_BUDGET"));
        assertThat(rejected)
                .contains("data-title=\"(1) Your queue · LeadBridge\"")
                .contains("1 lead awaits your decision");
        assertThat(navCount(rejected)).isEqualTo("1");

        // A refused decision (someone else acted first) also brings the counts up to date.
        in(workspace, () -> {
            decisions.accept(third.id(), null, rep);
            return null;
        });
        String refused = html(htmx(post("/leads/{id}/accept", third.id()), rep));
        assertThat(refused).contains("data-title=\"Your queue · LeadBridge\"").contains("Nothing awaits your decision");

        // And a full page load agrees.
        String after = html(get("/sales/queue").with(user(rep)));
        assertThat(after).contains("<title>Your queue · LeadBridge</title>");
        assertThat(after).containsPattern("id=\"nav-queue-count\"[^>]*d-none");
    }

    @Test
    void theQueueSaysWhetherTheRepIsAway() throws Exception {
        TestWorkspace workspace = workspaces.create();
        var rep = workspace.salesRep();
        assertThat(html(get("/sales/queue").with(user(rep)))).doesNotContain("id=\"away-badge\"");

        in(workspace, () -> accounts.markAway(rep.accountId(), true));

        String away = html(get("/sales/queue").with(user(rep)));
        assertThat(away).contains("id=\"away-badge\"");
        assertThat(away).containsPattern("name=\"away\" value=\"false\"");
    }

    @Test
    void aMarketerSeesNoQueueCount() throws Exception {
        TestWorkspace workspace = workspaces.create();
        given.handedOff(workspace);
        assertThat(html(get("/leads").with(user(workspace.marketer())))).doesNotContain("nav-queue-count");
    }

    static String navCount(String html) {
        int at = html.indexOf("id=\"nav-queue-count\"");
        assertThat(at).as("the Queue item's count").isPositive();
        int start = html.indexOf('>', at) + 1;
        return html.substring(start, html.indexOf('<', start)).strip();
    }

    // --- the row's reject form ---

    @Test
    void theRowsRejectFormSaysWhichReasonsNeedACommentBeforeTheRepSubmits() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        String row = html(htmx(get("/sales/queue/{id}/reject", lead.id()), workspace.salesRep()));

        assertThat(row).contains(">Other *</option>").contains(">No budget</option>");
        assertThat(row).contains(">Outside the ideal customer profile *</option>");
        assertThat(row)
                .contains("id=\"comment-help-" + lead.id() + "\"")
                .contains("Reasons marked * need a comment that tells marketing what to do differently.");
        assertThat(row).contains("aria-describedby=\"comment-help-" + lead.id() + "\"");
    }

    // --- urgency ---

    void clock(LeadView lead, Instant handedAt, Instant dueAt) {
        owner.jdbc()
                .sql("update handoff set handed_at = ?, due_at = ?, escalate_at = ? where lead_id = ?")
                .params(
                        Timestamp.from(handedAt),
                        Timestamp.from(dueAt),
                        Timestamp.from(dueAt.plus(30, ChronoUnit.DAYS)),
                        lead.id())
                .update();
    }

    String clockCell(String page, LeadView lead) {
        int row = page.indexOf("id=\"handoff-" + lead.id() + "\"");
        int cell = page.indexOf("class=\"sla-clock\"", row);
        return page.substring(cell, page.indexOf("</td>", cell));
    }

    @Test
    void theClockSaysDueSoonInTheLastQuarterAndShowsTheDueMomentInThePersonsCalendar() throws Exception {
        TestWorkspace workspace = workspaces.create();
        ZoneId zone = in(workspace, formats::zone);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LeadView onTime = given.handedOff(workspace);
        LeadView dueSoon = given.handedOff(workspace);
        LeadView overdue = given.handedOff(workspace);
        Instant onTimeDue = now.plus(3, ChronoUnit.DAYS);
        clock(onTime, now, onTimeDue);
        Instant soonDue = now.plus(2, ChronoUnit.DAYS);
        clock(dueSoon, now.minus(30, ChronoUnit.DAYS), soonDue);
        Instant lateDue = now.minus(11, ChronoUnit.DAYS);
        clock(overdue, now.minus(40, ChronoUnit.DAYS), lateDue);

        String page = html(get("/sales/queue").with(user(workspace.salesRep())));

        String near = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).format(onTimeDue.atZone(zone));
        assertThat(clockCell(page, onTime))
                .contains("data-urgency=\"ON_TIME\"")
                .contains("left in business hours")
                .contains("due " + near)
                .doesNotContain("Due soon")
                .doesNotContain("Overdue");
        assertThat(clockCell(page, dueSoon))
                .contains("data-urgency=\"DUE_SOON\"")
                .contains("Due soon")
                .contains("due "
                        + DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)
                                .format(soonDue.atZone(zone)));
        // Eleven days late reads as since when, not as a number of hours that looks like a day and a half.
        String far = DateTimeFormatter.ofPattern(
                        lateDue.atZone(zone).getYear() == now.atZone(zone).getYear()
                                ? "EEE d MMM, HH:mm"
                                : "EEE d MMM yyyy, HH:mm",
                        Locale.ENGLISH)
                .format(lateDue.atZone(zone));
        assertThat(clockCell(page, overdue))
                .contains("data-urgency=\"OVERDUE\"")
                .contains("Overdue since " + far)
                .contains("past due, in business hours");
        assertThat(page.indexOf("handoff-" + overdue.id())).isLessThan(page.indexOf("handoff-" + dueSoon.id()));

        // The lead's page reads the clock the same way.
        assertThat(html(get("/leads/{id}", overdue.id()).with(user(workspace.salesRep()))))
                .contains("Overdue since " + far);
        assertThat(html(get("/leads/{id}", onTime.id()).with(user(workspace.salesRep()))))
                .contains("left in business hours")
                .contains("due " + near);

        String german = html(get("/sales/queue").param("lang", "de").with(user(workspace.salesRep())));
        assertThat(clockCell(german, onTime))
                .contains("fällig "
                        + DateTimeFormatter.ofPattern("EEE HH:mm", Locale.GERMAN)
                                .format(onTimeDue.atZone(zone)))
                .contains("Geschäftszeit");
        assertThat(clockCell(german, dueSoon)).contains("Bald fällig");
        assertThat(clockCell(german, overdue)).contains("Überfällig seit");
    }

    // --- undo ---

    @Test
    void undoingAnAcceptPutsBackEverythingTheAcceptChanged() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = given.handedOff(workspace);
        Map<Stage, Long> countsBefore = in(workspace, stageCounts::now);

        mvc.perform(htmx(post("/leads/{id}/accept", lead.id()), rep).param("version", Long.toString(lead.version())))
                .andExpect(status().isOk());
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);

        String row = html(htmx(post("/sales/queue/{id}/undo", lead.id()), rep));

        LeadView after = lead(workspace, lead.id());
        assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(after.ownerId()).isEqualTo(lead.ownerId());
        assertThat(count(
                        "select count(*) from handoff where lead_id = ? and status = 'AWAITING' and decided_by is null"
                                + " and decided_at is null and lead_version_after_decision is null",
                        lead.id()))
                .isEqualTo(1);
        assertThat(in(workspace, stageCounts::now)).isEqualTo(countsBefore);
        assertThat(in(workspace, () -> repQueue.waiting(rep.accountId())).awaiting())
                .isEqualTo(1);
        // The timeline keeps the decision and records its undo; marketing, told of the decision, is told of the undo.
        assertThat(count("select count(*) from lead_event where lead_id = ? and type = 'ACCEPTED'", lead.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from lead_event where lead_id = ? and type = 'DECISION_UNDONE'", lead.id()))
                .isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.acceptUndone'",
                        workspace.marketer().accountId()))
                .isEqualTo(1);
        // The row awaits the decision again, with the fresh counts.
        assertThat(row)
                .contains("id=\"handoff-" + lead.id() + "\"")
                .contains("class=\"btn btn-success accept\"")
                .contains("data-title=\"(1) Your queue · LeadBridge\"");
        // And it can be decided again.
        in(workspace, () -> {
            decisions.accept(lead.id(), null, rep);
            return null;
        });
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
    }

    @Test
    void undoingARejectPutsBackTheLeadAndForgetsTheReason() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = given.handedOff(workspace);

        String decided = html(htmx(post("/leads/{id}/reject", lead.id()), rep)
                .param("reason", "OTHER")
                .param("comment", "Wrong country"));
        assertThat(decided).contains("class=\"btn btn-outline-secondary undo\"").contains("data-undo-seconds=\"10\"");
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.REJECTED);
        assertThat(lead(workspace, lead.id()).ownerId()).isNull();

        // Without JavaScript the undo is a plain form post back to the queue.
        mvc.perform(post("/sales/queue/{id}/undo", lead.id()).with(user(rep)).with(csrf()))
                .andExpect(redirectedUrl("/sales/queue"))
                .andExpect(flash().attribute("flashSuccess", "queue.undone"));

        LeadView after = lead(workspace, lead.id());
        assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(after.ownerId()).isEqualTo(lead.ownerId());
        assertThat(count(
                        "select count(*) from handoff where lead_id = ? and status = 'AWAITING' and reason_code is null"
                                + " and comment is null",
                        lead.id()))
                .isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(count(
                        "select count(*) from notification where message_key = 'notification.rejectUndone' and recipient_id = ?",
                        workspace.marketer().accountId()))
                .isEqualTo(1);
    }

    @Test
    void aLateUndoIsToldSoAndTheDecisionStands() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = given.handedOff(workspace);
        in(workspace, () -> {
            decisions.accept(lead.id(), null, rep);
            return null;
        });
        owner.jdbc()
                .sql("update handoff set decided_at = now() - interval '11 seconds' where lead_id = ?")
                .param(lead.id())
                .update();

        String answer = mvc.perform(htmx(post("/sales/queue/{id}/undo", lead.id()), rep))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(answer).contains("Too late to undo: a decision can be taken back for a few seconds only");
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
        assertThat(count("select count(*) from handoff where lead_id = ? and status = 'ACCEPTED'", lead.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from lead_event where lead_id = ? and type = 'DECISION_UNDONE'", lead.id()))
                .isZero();
        mvc.perform(post("/sales/queue/{id}/undo", lead.id()).with(user(rep)).with(csrf()))
                .andExpect(redirectedUrl("/sales/queue"))
                .andExpect(flash().attribute("flashError", "handoff.undoTooLate"));
    }

    @Test
    void onlyTheRepWhoDecidedMayUndoAndAnotherWorkspacesLeadIsNotFound() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount other = in(workspace, () -> workspaces.add("Sara Sales", io.leadbridge.account.Role.SALES_REP));
        LeadView lead = given.handedOff(workspace);
        in(workspace, () -> {
            decisions.accept(lead.id(), null, workspace.salesRep());
            return null;
        });

        mvc.perform(htmx(post("/sales/queue/{id}/undo", lead.id()), other)).andExpect(status().isConflict());
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);

        TestWorkspace elsewhere = workspaces.create();
        mvc.perform(htmx(post("/sales/queue/{id}/undo", lead.id()), elsewhere.salesRep()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/sales/queue/{id}/undo", lead.id())
                        .with(user(elsewhere.salesRep()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
    }

    @Test
    void ofTwoUndosAtOnceExactlyOneWins() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        for (int round = 0; round < 5; round++) {
            LeadView lead = given.handedOff(workspace);
            in(workspace, () -> {
                decisions.accept(lead.id(), null, rep);
                return null;
            });
            List<Object> outcomes = runTogether(List.<Callable<Object>>of(
                    () -> in(workspace, () -> decisions.undo(lead.id(), rep)),
                    () -> in(workspace, () -> decisions.undo(lead.id(), rep))));
            assertThat(outcomes.stream().filter(o -> o instanceof HandoffDecisions.Undone))
                    .as("outcomes %s", outcomes)
                    .hasSize(1);
            assertThat(outcomes.stream()
                            .filter(o ->
                                    o instanceof Refusal p && p.messageCode().equals("handoff.undoChanged")))
                    .hasSize(1);
            assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
            assertThat(count(
                            "select count(*) from lead_event where lead_id = ? and type = 'DECISION_UNDONE'",
                            lead.id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void anUndoRacingMarketingsNextStepEndsWithExactlyOneOfThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        for (int round = 0; round < 5; round++) {
            LeadView lead = given.handedOff(workspace);
            in(workspace, () -> {
                decisions.reject(lead.id(), null, "NO_BUDGET", null, rep);
                return null;
            });
            long rejectedVersion = lead(workspace, lead.id()).version();
            List<Object> outcomes = runTogether(List.<Callable<Object>>of(
                    () -> in(workspace, () -> decisions.undo(lead.id(), rep)),
                    () -> in(
                            workspace,
                            () -> funnel.move(
                                    lead.id(), Stage.NURTURE, rejectedVersion, null, null, workspace.marketer()))));
            boolean undone = outcomes.get(0) instanceof HandoffDecisions.Undone;
            boolean moved = outcomes.get(1) instanceof LeadView;
            assertThat(undone ^ moved).as("outcomes %s", outcomes).isTrue();
            LeadView after = lead(workspace, lead.id());
            if (undone) {
                assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
                assertThat(count("select count(*) from handoff where lead_id = ? and status = 'AWAITING'", lead.id()))
                        .isEqualTo(1);
            } else {
                assertThat(after.stage()).isEqualTo(Stage.NURTURE);
                assertThat(outcomes.get(0)).isInstanceOf(Refusal.class);
                assertThat(count("select count(*) from handoff where lead_id = ? and status = 'REJECTED'", lead.id()))
                        .isEqualTo(1);
                assertThat(count(
                                "select count(*) from lead_event where lead_id = ? and type = 'DECISION_UNDONE'",
                                lead.id()))
                        .isZero();
            }
        }
    }

    /** Runs the tasks at the same moment; each result is the task's value or the exception it ended with. */
    static List<Object> runTogether(List<Callable<Object>> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- landing ---

    @Test
    void aSalesRepLandsOnTheQueueOthersOnTheirHome() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(get("/").with(user(workspace.salesRep()))).andExpect(redirectedUrl("/sales/queue"));
        mvc.perform(get("/").with(user(workspace.marketer()))).andExpect(redirectedUrl("/marketing"));
        mvc.perform(get("/").with(user(workspace.liaison()))).andExpect(redirectedUrl("/liaison"));
        mvc.perform(get("/").with(user(workspace.admin()))).andExpect(redirectedUrl("/admin/users"));
        // After signing in, too (the sign-in goes home).
        mvc.perform(TestWorkspaces.signIn(workspace.salesRep().getUsername(), TestWorkspaces.PASSWORD, "198.51.100.16"))
                .andExpect(redirectedUrl("/"));
    }

    // --- who gave the rep the handoff ---

    /** The "Handed off by" cell of a lead's row in a queue page. */
    static String handedByCell(String html, long leadId) {
        int row = html.indexOf("id=\"handoff-" + leadId + "\"");
        assertThat(row).as("row of lead %s", leadId).isNotNegative();
        int start = html.indexOf("class=\"handed-by\"", row);
        assertThat(start).as("handed-by cell").isNotNegative();
        return html.substring(start, html.indexOf("</td>", start));
    }

    String dateTime(TestWorkspace workspace, Instant instant) {
        ZoneId zone = in(workspace, formats::zone);
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.ENGLISH)
                .format(instant.atZone(zone));
    }

    @Test
    void aHandoffTheLiaisonOverturnedSaysTheLiaisonHandedItBackAndWhoFirstHandedItOffAndWhen() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = given.rejected(workspace);
        // Mia handed it off in the morning three days ago; the liaison decides now.
        Instant firstHandedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        owner.jdbc()
                .sql("update handoff set handed_at = ? where lead_id = ?")
                .param(Timestamp.from(firstHandedAt))
                .param(lead.id())
                .update();
        DisputeView dispute = in(
                workspace,
                () -> disputes.dispute(
                        lead.id(),
                        null,
                        "They signed a letter of intent yesterday; the project starts this quarter.",
                        workspace.marketer()));
        in(
                workspace,
                () -> disputes.decide(
                        dispute.id(),
                        Outcome.OVERTURN,
                        "The letter of intent makes the timing now.",
                        rep.accountId(),
                        workspace.liaison()));
        HandoffView fresh = in(workspace, () -> handoffs.latestOf(lead.id())).orElseThrow();
        assertThat(fresh.handedAt()).isAfter(firstHandedAt.plus(1, ChronoUnit.DAYS));

        String cell = handedByCell(html(get("/sales/queue").with(user(rep))), lead.id());
        assertThat(cell)
                .contains("Handed back by the liaison " + workspace.liaison().getDisplayName())
                .contains(dateTime(workspace, fresh.handedAt()))
                .contains("First handed off by " + workspace.marketer().getDisplayName() + " · "
                        + dateTime(workspace, firstHandedAt));
        // The row with its reject form open says the same.
        assertThat(html(get("/sales/queue/{id}/reject", lead.id())
                        .header("HX-Request", "true")
                        .with(user(rep))))
                .contains("First handed off by " + workspace.marketer().getDisplayName());
    }

    @Test
    void aReassignedHandoffSaysWhoReassignedItAndWhoFirstHandedItOffAndWhen() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.handedOff(workspace);
        Instant firstHandedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        owner.jdbc()
                .sql("update handoff set handed_at = ? where lead_id = ?")
                .param(Timestamp.from(firstHandedAt))
                .param(lead.id())
                .update();
        in(workspace, () -> assignment.reassign(lead.id(), null, sara.accountId(), null, workspace.liaison()));
        HandoffView fresh = in(workspace, () -> handoffs.latestOf(lead.id())).orElseThrow();

        String cell = handedByCell(html(get("/sales/queue").with(user(sara))), lead.id());
        assertThat(cell)
                .contains("Reassigned by " + workspace.liaison().getDisplayName())
                .contains(dateTime(workspace, fresh.handedAt()))
                .contains("First handed off by " + workspace.marketer().getDisplayName() + " · "
                        + dateTime(workspace, firstHandedAt));

        // A first handoff still says who handed it off and when, and nothing more.
        LeadView other = given.handedOff(workspace);
        String first = handedByCell(html(get("/sales/queue").with(user(workspace.salesRep()))), other.id());
        assertThat(first).contains(workspace.marketer().getDisplayName()).doesNotContain("First handed off by");
    }

    // --- on a phone ---

    @Test
    void thePhonesQueueCountNextToTheTogglerFollowsEachDecisionAndTheRowsRejectFormCanBeCancelled() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView first = given.handedOff(workspace);
        given.handedOff(workspace);

        String page = html(get("/sales/queue").with(user(rep)));
        assertThat(page).containsPattern("id=\"nav-queue-count-phone\"[^>]*>2<");
        // Outside the collapsed menu, before the toggler.
        assertThat(page.indexOf("id=\"nav-phone-counts\""))
                .isPositive()
                .isLessThan(page.indexOf("class=\"navbar-toggler\""));
        assertThat(page).contains("class=\"badge rounded-pill text-bg-danger phone-unread-count");

        String accepted = html(htmx(post("/leads/{id}/accept", first.id()), rep));
        assertThat(accepted).containsPattern("id=\"nav-queue-count-phone\"[^>]*hx-swap-oob=\"true\"[^>]*>1<");

        // The row's reject form has a Cancel (a link back to the queue where there is no script).
        LeadView other = given.handedOff(workspace);
        String form = html(get("/sales/queue/{id}/reject", other.id())
                .header("HX-Request", "true")
                .with(user(rep)));
        assertThat(form)
                .containsPattern(
                        "<a class=\"btn btn-outline-secondary cancel-reject\" href=\"/sales/queue\">Cancel</a>");
    }
}
