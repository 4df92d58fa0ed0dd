package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadQuery.Sort;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LeadListTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement management;

    @Autowired
    MockMvc mvc;

    TestWorkspace workspace;
    List<LeadView> created = new ArrayList<>();

    @BeforeEach
    void thirtyLeads() {
        workspace = workspaces.create();
        for (int i = 0; i < 30; i++) {
            LeadInput input = TestLeads.qualifiedLead();
            input.setCompanyName(String.format(Locale.ROOT, "Firma %02d %s", (i * 7) % 30, input.getCompanyName()));
            input.setEngagementScore(i % 3 == 0 ? null : i);
            input.setSource(i % 2 == 0 ? "webinar" : "trade fair");
            created.add(leads.create(workspace.marketer(), input));
        }
    }

    private LeadPage page(LeadQuery query) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> management.list(query));
    }

    private static LeadQuery sorted(Sort sort, String after, String before) {
        return new LeadQuery(null, null, null, null, null, null, sort, after, before, null);
    }

    private static List<Long> ids(LeadPage page) {
        return page.rows().stream().map(LeadPage.Row::id).toList();
    }

    @Test
    void pagesThroughEveryOrderWithoutGapsOrRepeatsAndBack() {
        for (Sort sort : Sort.values()) {
            LeadPage first = page(sorted(sort, null, null));
            assertThat(first.rows()).as(sort.name()).hasSize(LeadQuery.PAGE_SIZE);
            assertThat(first.previousCursor()).isNull();
            assertThat(first.matching()).isEqualTo(30);

            LeadPage second = page(sorted(sort, first.nextCursor(), null));
            assertThat(second.rows()).hasSize(5);
            assertThat(second.nextCursor()).isNull();
            assertThat(second.previousCursor()).isNotNull();

            List<Long> all = new ArrayList<>(ids(first));
            all.addAll(ids(second));
            assertThat(all).as(sort.name()).doesNotHaveDuplicates().hasSize(30);
            assertThat(all).as(sort.name()).containsExactlyElementsOf(expectedOrder(sort));

            LeadPage back = page(sorted(sort, null, second.previousCursor()));
            assertThat(ids(back)).as(sort.name()).isEqualTo(ids(first));
        }
    }

    private List<Long> expectedOrder(Sort sort) {
        Comparator<LeadView> order = switch (sort) {
            case NEWEST ->
                Comparator.comparing(LeadView::createdAt)
                        .thenComparing(LeadView::id)
                        .reversed();
            case OLDEST -> Comparator.comparing(LeadView::createdAt).thenComparing(LeadView::id);
            case COMPANY ->
                Comparator.comparing((LeadView l) -> l.data().getCompanyName().toLowerCase(Locale.ROOT))
                        .thenComparing(LeadView::id);
            case SCORE ->
                Comparator.comparing((LeadView l) -> l.data().getEngagementScore() == null
                                ? -1
                                : l.data().getEngagementScore())
                        .thenComparing(LeadView::id)
                        .reversed();
        };
        return created.stream().sorted(order).map(LeadView::id).toList();
    }

    @Test
    void searchesNameCompanyAndEmailAndFiltersBySourceAndStage() {
        LeadView one = created.get(11);
        String part = one.data().getEmail().substring(12, 20).toUpperCase(Locale.ROOT);

        assertThat(ids(page(new LeadQuery(part, null, null, null, null, null, null, null, null, null))))
                .containsExactly(one.id());
        assertThat(page(new LeadQuery("firma 0", null, null, null, null, null, null, null, null, null))
                        .matching())
                .isEqualTo(10);
        assertThat(page(new LeadQuery(null, null, null, "trade fair", null, null, null, null, null, null))
                        .matching())
                .isEqualTo(15);
        assertThat(page(new LeadQuery(null, Stage.NEW_INQUIRY, null, null, null, null, null, null, null, null))
                        .matching())
                .isEqualTo(30);
        assertThat(page(new LeadQuery(null, Stage.WON, null, null, null, null, null, null, null, null))
                        .matching())
                .isZero();
        assertThat(page(new LeadQuery("100%_\\", null, null, null, null, null, null, null, null, null))
                        .matching())
                .isZero();
    }

    @Test
    void filterStateLivesInTheUrlAndBadValuesAnswerThePlainList() throws Exception {
        mvc.perform(get("/leads")
                        .param("source", "trade fair")
                        .param("sort", "COMPANY")
                        .with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("15 leads match")))
                .andExpect(content().string(Matchers.containsString("name=\"source\" value=\"trade fair\"")))
                .andExpect(content().string(Matchers.containsString("value=\"COMPANY\" selected")));
        mvc.perform(get("/leads").param("sort", "SCORE").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("30 leads match")))
                .andExpect(content()
                        .string(Matchers.matchesPattern(
                                "(?s).*href=\"/leads\\?[^\"]*sort=SCORE[^\"]*after=[^\"]+\".*")));
        mvc.perform(get("/leads")
                        .param("stage", "BOGUS")
                        .param("createdFrom", "yesterday")
                        .with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("30 leads match")));
        mvc.perform(get("/leads").param("after", "not-a-cursor").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("30 leads match")));
    }
    // issue 16 — Back shows the filters of its rows; one history entry per view

    @Test
    void goingBackHtmxAsksForTheWholePageWhoseFiltersMatchItsRows() throws Exception {
        String page = mvc.perform(get("/leads").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-history=\"false\"")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        // Apply filters goes through htmx too (one request, one history entry), and still works as a plain GET.
        assertThat(page)
                .containsPattern("hx-trigger=\"[^\"]*\\bsubmit\\b[^\"]*\"")
                .contains("method=\"get\"");

        // A search typed in the list asks for the rows only …
        var rows = mvc.perform(get("/leads")
                        .param("q", "Firma 07")
                        .header("HX-Request", "true")
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(rows.getContentAsString()).contains("id=\"results\"").doesNotContain("id=\"lead-filters\"");
        assertThat(rows.getHeaders("Vary")).anySatisfy(v -> assertThat(v).contains("HX-Request"));

        // … and going back to that address, htmx restores the whole page: the filters as the address says them.
        String restored = mvc.perform(get("/leads")
                        .param("q", "Firma 07")
                        .param("source", "webinar")
                        .header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true")
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(restored)
                .contains("id=\"lead-filters\"")
                .containsPattern("id=\"q\" name=\"q\" value=\"Firma 07\"")
                .containsPattern("id=\"source\" name=\"source\" value=\"webinar\"")
                .contains("id=\"results\"");
    }

    @Test
    void thePageAndItsRowsSayOnceThatTheyVaryWithTheHtmxHeaders() throws Exception {
        for (var request : List.of(
                get("/leads"),
                get("/leads").header("HX-Request", "true"),
                get("/leads").header("HX-Request", "true").header("HX-History-Restore-Request", "true"))) {
            var response = mvc.perform(request.with(user(workspace.marketer())))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse();
            assertThat(response.getHeaders("Vary")).containsExactly("HX-Request, HX-History-Restore-Request");
        }
    }
}
