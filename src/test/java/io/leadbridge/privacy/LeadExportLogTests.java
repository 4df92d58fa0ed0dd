package io.leadbridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The access log of lead list exports on {@code /admin/privacy} (issue 20), as an admin sees it and as stored. */
@IntegrationTest
class LeadExportLogTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    LeadExportLog log;

    @Test
    void aMarketersExportIsOnTheAdminsLogWithItsFilterAndRowCountAndOnNoOtherWorkspacesLog() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        for (String source : new String[] {"webinar", "webinar", "trade fair"}) {
            LeadInput lead = TestLeads.qualifiedLead();
            lead.setSource(source);
            leads.create(workspace.marketer(), lead);
        }

        mvc.perform(get("/leads/export")
                        .param("source", "webinar")
                        .param("format", "excel")
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk());

        Map<String, Object> stored = owner.jdbc()
                .sql("select id, exported_by, format, filter, row_count, completed, finished_at from lead_export"
                        + " where tenant_id = ?")
                .param(workspace.tenantId())
                .query()
                .singleRow();
        assertThat(stored.get("exported_by")).isEqualTo(workspace.marketer().accountId());
        assertThat(stored.get("format")).isEqualTo("EXCEL");
        assertThat(stored.get("filter")).isEqualTo("source=webinar");
        assertThat(stored.get("row_count")).isEqualTo(2);
        assertThat(stored.get("completed")).isEqualTo(true);
        assertThat(stored.get("finished_at")).isNotNull();

        String html = page(workspace);
        String row = row(html, (Long) stored.get("id"));
        assertThat(cells(row))
                .containsSubsequence(workspace.marketer().getDisplayName(), "CSV for Excel", "source=webinar", "2");

        String theirs = page(other);
        assertThat(theirs).doesNotContain("data-lead-export-id=").contains("No lead exports yet.");
    }

    @Test
    void anUnfilteredExportSaysAllLeadsAndTheNewestComesFirst() throws Exception {
        TestWorkspace workspace = workspaces.create();
        leads.create(workspace.marketer());
        mvc.perform(get("/leads/export").with(user(workspace.marketer()))).andExpect(status().isOk());
        mvc.perform(get("/leads/export").param("stage", "NEW_INQUIRY").with(user(workspace.marketer())))
                .andExpect(status().isOk());
        // A search term is often a person's name: the log says there was one, not what it was.
        mvc.perform(get("/leads/export").param("q", "Becker").with(user(workspace.marketer())))
                .andExpect(status().isOk());

        String html = page(workspace);
        List<Long> ids = ids(html);
        assertThat(ids).hasSize(3);
        assertThat(cells(row(html, ids.get(0)))).containsSubsequence("CSV", "q=(a search term)");
        assertThat(cells(row(html, ids.get(1)))).containsSubsequence("CSV", "stage=NEW_INQUIRY", "1");
        assertThat(cells(row(html, ids.get(2)))).containsSubsequence("CSV", "All leads", "1");
        assertThat(owner.count("select count(*) from lead_export where filter like '%Becker%'"))
                .isZero();
    }

    @Test
    void theLogIsPagedNewestFirst() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long marketer = workspace.marketer().accountId();
        long first = CurrentTenant.callAs(
                workspace.tenantId(), () -> log.started(marketer, "q=first", LeadExportLog.Format.CSV));
        for (int i = 0; i < LeadExportLog.PAGE; i++) {
            int n = i;
            CurrentTenant.callAs(workspace.tenantId(), () -> log.started(marketer, "q=" + n, LeadExportLog.Format.CSV));
        }

        String newest = page(workspace);
        assertThat(ids(newest)).hasSize(LeadExportLog.PAGE).doesNotContain(first);
        Matcher more =
                Pattern.compile("id=\"lead-export-log-more\" href=\"([^\"]+)\"").matcher(newest);
        assertThat(more.find()).isTrue();

        String older = mvc.perform(get(more.group(1).replace("&amp;", "&")).with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(ids(older)).containsExactly(first);
        assertThat(older).doesNotContain("lead-export-log-more");
        assertThat(cells(row(older, first))).contains("q=first").contains("running");
    }

    @Test
    void onlyAdminsSeeTheLog() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(get("/admin/privacy").with(user(workspace.marketer()))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/privacy").with(user(workspace.salesRep()))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/privacy").with(user(workspace.liaison()))).andExpect(status().isForbidden());
    }

    private String page(TestWorkspace workspace) throws Exception {
        return mvc.perform(get("/admin/privacy").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static final Pattern ROW = Pattern.compile("<tr data-lead-export-id=\"(\\d+)\">(.*?)</tr>", Pattern.DOTALL);

    private static List<Long> ids(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    private static String row(String html, long id) {
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == id) {
                return m.group(2);
            }
        }
        throw new AssertionError("no row " + id + " in the lead export log");
    }

    /** The text of each cell (and badge) of a row, tags removed, blanks collapsed. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String part : row.split("<[^>]+>")) {
            String text = part.replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                cells.add(text.replace("&amp;", "&"));
            }
        }
        return cells;
    }
}
