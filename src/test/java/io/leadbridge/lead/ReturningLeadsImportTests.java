package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestImports;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Leads that come back through a CSV import (issue 19): "update existing leads" next to skip and all-or-nothing. */
@IntegrationTest
class ReturningLeadsImportTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestImports imports;

    TestWorkspace workspace;
    LeadView nurtured;
    LeadView fresh;

    @BeforeEach
    void workspaceWithTwoLeads() {
        workspace = workspaces.create();
        // One in nurture that the criteria do not qualify (5 employees), one new inquiry that they do.
        nurtured = leads.create(workspace.marketer(), TestLeads.unqualifiedLead());
        owner.jdbc()
                .sql("update lead set stage = 'NURTURE' where id = ?")
                .param(nurtured.id())
                .update();
        fresh = leads.create(workspace.marketer(), TestLeads.qualifiedLead());
    }

    String state(long id) {
        return owner.jdbc()
                .sql("select status || '|' || coalesce(imported, -1) || '|' || coalesce(updated, -1) || '|'"
                        + " || coalesce(message, '') from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** As the import ended: its status, the leads it created and updated (-1: none) and its message. */
    String awaitFinished(long id) {
        imports.awaitFinished(id);
        return state(id);
    }

    void confirmUpdating(long id) throws Exception {
        imports.confirm(workspace.marketer(), id, "updateExisting", "true");
    }

    String lead(long id) {
        return owner.jdbc().sql("""
                        select l.stage || '|' || l.employees || '|' || coalesce(l.job_title, '-') || '|' || l.source
                               || '|' || l.company_name || '|' || l.version || '|' || (l.re_engaged_at is not null)
                        from lead l where l.id = ?
                        """).param(id).query(String.class).single();
    }

    @Test
    void thePreviewShowsWhichRowsUpdateWhichLeadAndTheImportAppliesThem() throws Exception {
        String newEmail = TestWorkspaces.uniqueEmail("new");
        String csv = """
                email,companyName,employees,jobTitle,source,campaign
                %s,%s,240,,trade fair,q4-return
                %s,%s,,CFO,,
                %s,New GmbH,30,,webinar,
                """.formatted(
                        nurtured.data().getEmail().toUpperCase(),
                        nurtured.data().getCompanyName(),
                        fresh.data().getEmail(),
                        fresh.data().getCompanyName(),
                        newEmail);
        long id = imports.upload(workspace.marketer(), "returns.csv", csv);

        String page = mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"planned-updates\"")
                .contains("data-updates-lead=\"" + nurtured.id() + "\"")
                .contains("data-updates-lead=\"" + fresh.id() + "\"")
                .contains("id=\"import-update-existing\"")
                .contains("Import 1 new lead and update 2 existing leads");
        // Line 2 changes the employees 5 → 240, the source and the campaign; line 3 the job title only.
        assertThat(Pattern.compile("data-line=\"2\".*?</tr>", Pattern.DOTALL)
                        .matcher(page)
                        .results()
                        .map(m -> m.group())
                        .filter(row -> row.contains("data-updates-lead"))
                        .findFirst()
                        .orElseThrow())
                .contains("data-field=\"employees\"")
                .contains("<del>5</del> → <ins>240</ins>")
                .contains("<ins>trade fair</ins>")
                .contains("<ins>q4-return</ins>")
                .doesNotContain("data-field=\"jobTitle\"");
        assertThat(lead(nurtured.id())).as("a preview writes nothing").startsWith("NURTURE|5|");

        confirmUpdating(id);

        assertThat(awaitFinished(id)).isEqualTo("DONE|1|2|");
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        // The fields of the row's filled-in cells; the others (and those not in the file) as they were.
        assertThat(lead(nurtured.id()))
                .isEqualTo("NURTURE|240|-|trade fair|" + nurtured.data().getCompanyName() + "|2|true");
        assertThat(lead(fresh.id()))
                .isEqualTo("NEW_INQUIRY|240|CFO|webinar|" + fresh.data().getCompanyName() + "|1|false");
        assertThat(owner.jdbc()
                        .sql("select qualified from lead_evaluation where lead_id = ?")
                        .param(nurtured.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(owner.jdbc()
                        .sql("""
                                select e.type || '|' || (e.details -> 'facts' ->> 'source') || '|'
                                       || (e.details -> 'facts' ->> 'campaign') || '|' || (e.details -> 'facts' ->> 'file')
                                       || '|' || (e.details -> 'facts' ->> 'channel') || '|' || e.actor_id || '|'
                                       || jsonb_array_length(e.details -> 'changes')
                                from lead_event e where e.lead_id = ? and e.type = 'RE_ENGAGED'
                                """)
                        .param(nurtured.id())
                        .query(String.class)
                        .single())
                .isEqualTo("RE_ENGAGED|trade fair|q4-return|returns.csv|IMPORT|"
                        + workspace.marketer().accountId() + "|3");
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and email = ?", workspace.tenantId(), newEmail))
                .isOne();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(owner.jdbc()
                                .sql("select link from notification where recipient_id = ?"
                                        + " and message_key = 'notification.reEngaged'")
                                .param(workspace.marketer().accountId())
                                .query(String.class)
                                .list())
                        .containsExactly("/leads/" + nurtured.id()));
        mvc.perform(get("/leads/import/{id}/progress", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("2 leads were updated.")));
    }

    @Test
    void anUpdatingImportWithABadRowWritesNothing() throws Exception {
        String csv = """
                email,companyName,employees
                %s,%s,240
                not-an-address,Broken GmbH,10
                %s,New GmbH,30
                """.formatted(
                nurtured.data().getEmail(), nurtured.data().getCompanyName(), TestWorkspaces.uniqueEmail("new"));
        long id = imports.upload(workspace.marketer(), "broken.csv", csv);
        String page = mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .as("a row that fails for another reason: updating is not offered")
                .contains("data-updates-lead=\"" + nurtured.id() + "\"")
                .doesNotContain("id=\"import-update-existing\"");

        // Posted all the same (an old page, a forged form): all or nothing.
        confirmUpdating(id);

        assertThat(awaitFinished(id)).isEqualTo("FAILED|-1|-1|import.invalidRows");
        assertThat(lead(nurtured.id()))
                .isEqualTo("NURTURE|5|-|webinar|" + nurtured.data().getCompanyName() + "|0|false");
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
        assertThat(owner.count(
                        "select count(*) from lead_event e join lead l on l.id = e.lead_id"
                                + " where l.tenant_id = ? and e.type = 'RE_ENGAGED'",
                        workspace.tenantId()))
                .isZero();
    }

    @Test
    void skippingLeavesTheExistingLeadsAsTheyAre() throws Exception {
        String csv = """
                email,companyName,employees
                %s,%s,240
                %s,New GmbH,30
                """.formatted(
                nurtured.data().getEmail(), nurtured.data().getCompanyName(), TestWorkspaces.uniqueEmail("new"));
        long id = imports.upload(workspace.marketer(), "skip.csv", csv);

        imports.confirm(workspace.marketer(), id, "validOnly", "true");

        assertThat(awaitFinished(id)).isEqualTo("DONE|1|-1|");
        assertThat(lead(nurtured.id())).startsWith("NURTURE|5|");
    }

    @Test
    void aLargeFileOfReturningLeadsIsWrittenSetBased() throws Exception {
        int rows = 20_000;
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        StringBuilder first = new StringBuilder("email,companyName,employees,source\n");
        StringBuilder again = new StringBuilder("email,companyName,employees,source\n");
        for (int i = 0; i < rows; i++) {
            String email = "back" + i + "-" + run + "@bulk.example";
            first.append(email)
                    .append(",Bulk ")
                    .append(i % 997)
                    .append(" GmbH,")
                    .append(10 + i % 3000)
                    .append(",fair\n");
            again.append(email)
                    .append(",Bulk ")
                    .append(i % 997)
                    .append(" GmbH,")
                    .append(11 + i % 3000)
                    .append(",webinar\n");
        }
        long created = imports.upload(workspace.marketer(), "first.csv", first.toString());
        imports.confirm(workspace.marketer(), created);
        assertThat(awaitFinished(created)).isEqualTo("DONE|" + rows + "|-1|");
        EventPublications.awaitCompleted(owner, workspace.tenantId());

        long id = imports.upload(workspace.marketer(), "again.csv", again.toString());
        long started = System.nanoTime();
        confirmUpdating(id);
        String outcome = awaitFinished(id);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Updated %,d leads from a CSV file in %.1f s%n", rows, seconds);

        assertThat(outcome).isEqualTo("DONE|0|" + rows + "|");
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and source = 'webinar' and email like '%@bulk.example'",
                        workspace.tenantId()))
                .isEqualTo(rows);
        assertThat(owner.count(
                        "select count(*) from lead_event where tenant_id = ? and type = 'RE_ENGAGED'",
                        workspace.tenantId()))
                .isEqualTo(rows);
        assertThat(seconds).isLessThan(120);
    }

    @Test
    void manyNurtureLeadsComingBackAtOnceAreOneNotificationThatLinksTheFilter() throws Exception {
        StringBuilder csv = new StringBuilder("email,companyName,employees\n");
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < ReEngagementNotices.ONE_BY_ONE + 1; i++) {
            LeadView lead = leads.create(workspace.marketer(), TestLeads.unqualifiedLead());
            ids.add(lead.id());
            csv.append(lead.data().getEmail())
                    .append(',')
                    .append(lead.data().getCompanyName())
                    .append(",240\n");
        }
        owner.jdbc()
                .sql("update lead set stage = 'NURTURE' where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .update();
        long id = imports.upload(workspace.marketer(), "many.csv", csv.toString());

        confirmUpdating(id);

        assertThat(awaitFinished(id)).isEqualTo("DONE|0|" + ids.size() + "|");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(owner.jdbc()
                                .sql("select message_key || '|' || arguments::text || '|' || link from notification"
                                        + " where recipient_id = ? and message_key like 'notification.reEngaged%'")
                                .param(workspace.marketer().accountId())
                                .query(String.class)
                                .list())
                        .containsExactly("notification.reEngagedMany|[\"" + ids.size() + "\"]|/leads?reEngaged=true"));
        String list = mvc.perform(get("/leads").param("reEngaged", "true").with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ids).allSatisfy(lead -> assertThat(list).contains("/leads/" + lead + "\""));
    }
}
