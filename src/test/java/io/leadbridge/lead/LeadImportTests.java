package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.Bundles;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestImports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LeadImportTests {

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

    long leadsOf(TestWorkspace workspace) {
        return owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId());
    }

    @Test
    void aGoodCommaFileIsPreviewedThenImportedWithTimelineAndEvaluation() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = TestImports.utf8("""
                email,companyName,firstName,lastName,employees,industry,country,engagementScore,projectPlanned,timeline
                a-%1$s@one.example,One GmbH,Anna,Alt,240,MANUFACTURING,de,70,yes,NOW
                b-%1$s@two.example,Two AG,Ben,Bauer,12,RETAIL,AT,20,no,UNKNOWN
                """.formatted(run));

        long id = imports.upload(workspace.marketer(), "fair.csv", csv);
        mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"valid-rows\">2<")))
                .andExpect(content().string(Matchers.containsString("id=\"invalid-rows\">0<")))
                .andExpect(content().string(Matchers.containsString("<option value=\"companyName\" selected")))
                .andExpect(content().string(Matchers.containsString("id=\"import-all\"")));
        assertThat(leadsOf(workspace)).as("nothing is written by a preview").isZero();

        imports.confirm(workspace.marketer(), id, "validOnly", "false");

        assertThat(imports.awaitOutcome(id)).isEqualTo("DONE|2|");
        // The timeline entries are written once the import has committed (docs/adr/0008).
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.jdbc()
                        .sql("""
                                select l.country || '|' || l.created_by || '|' || e.type || '|' || (e.details -> 'facts' ->> 'file')
                                       || '|' || v.qualified
                                from lead l join lead_event e on e.lead_id = l.id
                                join lead_evaluation v on v.lead_id = l.id
                                where l.tenant_id = ? order by l.email
                                """)
                        .param(workspace.tenantId())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "DE|" + workspace.marketer().accountId() + "|IMPORTED|fair.csv|true",
                        "AT|" + workspace.marketer().accountId() + "|IMPORTED|fair.csv|false");
        // The page's poll answers the outcome (without reading the file again).
        mvc.perform(get("/leads/import/{id}/progress", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"import-done\"")))
                .andExpect(content().string(Matchers.containsString("2 leads were imported.")));
    }

    @Test
    void thePollOfAPageWaitingForTheCheckReloadsThePageOnceTheCheckHasEnded() throws Exception {
        TestWorkspace workspace = workspaces.create();
        byte[] csv = TestImports.utf8("""
                email,companyName
                a-%s@one.example,One GmbH
                """.formatted(UUID.randomUUID().toString().substring(0, 8)));

        long id = imports.upload(workspace.marketer(), "one.csv", csv);

        // The check has ended: htmx is told to load the whole page again (which then shows the preview) ...
        mvc.perform(get("/leads/import/{id}/progress", id)
                        .param("checking", "true")
                        .header("HX-Request", "true")
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Refresh", "true"));
        // ... while a page not waiting for the check gets the status only.
        mvc.perform(get("/leads/import/{id}/progress", id)
                        .header("HX-Request", "true")
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("HX-Refresh"));
    }

    @Test
    void aSemicolonFileWithBomAndQuotedFieldsIsRead() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = TestImports.utf8("""
                E-Mail;Company;First name;Department
                c-%1$s@drei.example;"Drei; Vier & Co. KG";Clara;"Einkauf
                und Logistik"
                """.formatted(run));
        byte[] csv = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, csv, 0, bom.length);
        System.arraycopy(body, 0, csv, bom.length, body.length);

        long id = imports.upload(workspace.marketer(), "excel.csv", csv);
        mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("semicolon")))
                .andExpect(content().string(Matchers.containsString("id=\"valid-rows\">1<")));
        imports.confirm(workspace.marketer(), id, "validOnly", "false");

        assertThat(imports.awaitOutcome(id)).startsWith("DONE|1");
        assertThat(owner.jdbc()
                        .sql("select company_name || '|' || department from lead where tenant_id = ?")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo("Drei; Vier & Co. KG|Einkauf und Logistik");
    }

    @Test
    void badRowsAreAllReportedAndAnAllOrNothingImportWritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView existing = leads.create(workspace.marketer());
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = TestImports.utf8("""
                email,companyName,employees,country,timeline,industry
                ok-%1$s@good.example,Good GmbH,100,DE,NOW,MANUFACTURING
                not-an-email,Bad GmbH,100,DE,NOW,MANUFACTURING
                x-%1$s@x.example,,many,Germany,SOON,SPACE
                ok-%1$s@GOOD.example,Twice GmbH,100,DE,NOW,
                %2$s,Existing GmbH,100,DE,NOW,
                """.formatted(run, existing.data().getEmail()));

        long id = imports.upload(workspace.marketer(), "bad.csv", csv);
        String page = mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"valid-rows\">1<")))
                .andExpect(content().string(Matchers.containsString("id=\"invalid-rows\">4<")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"import-all\""))))
                .andExpect(content().string(Matchers.containsString("id=\"import-valid-only\"")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("data-line=\"3\"", "data-line=\"4\"", "data-line=\"5\"", "data-line=\"6\"")
                .doesNotContain("data-line=\"2\"")
                .contains("must be a whole number", "two-letter ISO country code", "NOW, THIS_QUARTER")
                .contains("the same e-mail address is on line 2", "a lead with this e-mail address exists already");

        imports.confirm(workspace.marketer(), id, "validOnly", "false");
        assertThat(imports.awaitOutcome(id)).isEqualTo("FAILED|-1|import.invalidRows");
        assertThat(leadsOf(workspace)).isOne();
    }

    @Test
    void choosingValidRowsOnlyImportsExactlyThoseAndConfirmingTwiceImportsOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = TestImports.utf8("""
                email,companyName
                v1-%1$s@valid.example,Valid One
                broken,Broken
                v2-%1$s@valid.example,Valid Two
                """.formatted(run));

        long id = imports.upload(workspace.marketer(), "mixed.csv", csv);
        imports.confirm(workspace.marketer(), id, "validOnly", "true");
        mvc.perform(post("/leads/import/{id}/confirm", id)
                        .param("validOnly", "true")
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andExpect(flash().attribute("flashError", "import.notOpen"));

        assertThat(imports.awaitOutcome(id)).isEqualTo("DONE|2|");
        assertThat(owner.jdbc()
                        .sql("select company_name from lead where tenant_id = ? order by company_name")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .list())
                .containsExactly("Valid One", "Valid Two");
    }

    @Test
    void theMarketerCanChangeTheMapping() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long id = imports.upload(
                workspace.marketer(), "odd.csv", TestImports.utf8("Kontakt,Firma\nm-" + run + "@m.example,Map GmbH\n"));
        mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"invalid-rows\">1<")));

        mvc.perform(post("/leads/import/{id}/mapping", id)
                        .param("mapping", "email", "companyName")
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andExpect(redirectedUrlPattern("/leads/import/*"));
        imports.awaitChecked(id);

        mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"valid-rows\">1<")))
                .andExpect(content().string(Matchers.containsString("id=\"invalid-rows\">0<")));
    }

    @Test
    void aFileWithoutHeaderOrNoFileIsAnsweredAtTheField() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(multipart("/leads/import")
                        .file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"file-error\"")));
        assertThat(owner.count("select count(*) from lead_import where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void anotherWorkspacesImportAnswers404OnEveryImportRouteAndSalesRepsMayNotImport() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        long id = imports.upload(
                theirs.marketer(),
                "theirs.csv",
                TestImports.utf8("email,companyName\nt-" + UUID.randomUUID() + "@t.example,T\n"));

        mvc.perform(get("/leads/import/{id}", id).with(user(mine.marketer()))).andExpect(status().isNotFound());
        mvc.perform(get("/leads/import/{id}/progress", id).with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/import/{id}/mapping", id)
                        .param("mapping", "email")
                        .with(csrf())
                        .with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/import/{id}/confirm", id).with(csrf()).with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        assertThat(owner.jdbc()
                        .sql("select status from lead_import where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("PREVIEWED");

        mvc.perform(multipart("/leads/import")
                        .file(new MockMultipartFile(
                                "file", "x.csv", "text/csv", TestImports.utf8("email,companyName\n")))
                        .with(csrf())
                        .with(user(mine.salesRep())))
                .andExpect(status().isForbidden());
    }

    @Test
    void aHundredThousandRowFileImportsInOneTransaction() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("externalId,email,companyName,employees,industry,country,timeline\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append("ext-")
                    .append(run)
                    .append('-')
                    .append(i)
                    .append(',')
                    .append("row")
                    .append(i)
                    .append('-')
                    .append(run)
                    .append("@bulk.example,")
                    .append("Bulk ")
                    .append(i % 997)
                    .append(" GmbH,")
                    .append(10 + i % 3000)
                    .append(",MANUFACTURING,DE,THIS_QUARTER\n");
        }
        long id = imports.upload(workspace.marketer(), "big.csv", TestImports.utf8(csv.toString()));

        long started = System.nanoTime();
        imports.confirm(workspace.marketer(), id, "validOnly", "false");
        String outcome = imports.awaitOutcome(id);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Imported 100,000 CSV rows in %.1f s (%.0f rows/s)%n", seconds, 100_000 / seconds);

        assertThat(outcome).isEqualTo("DONE|100000|");
        assertThat(leadsOf(workspace)).isEqualTo(100_000);
        // The timeline entries are written once the import has committed (docs/adr/0008).
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from lead_event where tenant_id = ? and type = 'IMPORTED'",
                        workspace.tenantId()))
                .isEqualTo(100_000);
        assertThat(owner.count("select count(*) from lead_evaluation where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(100_000);
        assertThat(seconds).isLessThan(120);
    }

    @Test
    void theExportHoldsExactlyTheFilteredLeadsWithFormulasNeutralised() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        LeadInput webinar = TestLeads.qualifiedLead();
        webinar.setSource("webinar");
        webinar.setCompanyName("=HYPERLINK(\"http://evil.example\")");
        leads.create(workspace.marketer(), webinar);
        LeadInput fair = TestLeads.qualifiedLead();
        fair.setSource("trade fair");
        leads.create(workspace.marketer(), fair);
        LeadInput theirs = TestLeads.qualifiedLead();
        theirs.setSource("webinar");
        leads.create(other.marketer(), theirs);

        String csv = mvc.perform(get("/leads/export").param("source", "webinar").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        String[] lines = csv.replace("\uFEFF", "").strip().split("\r?\n");
        assertThat(lines[0]).startsWith("externalId,firstName,lastName,email,").endsWith(",stage,createdAt");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(webinar.getEmail()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(csv).doesNotContain(fair.getEmail()).doesNotContain(theirs.getEmail());

        mvc.perform(get("/leads/export").with(user(workspace.salesRep()))).andExpect(status().isForbidden());
    }
    // issue 16 — the preview's reasons come from the bundles, in the reader's language

    @Test
    void thePreviewGivesEveryReasonFromTheBundlesInTheReadersLanguageAndLinksTheExistingLead() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView existing = leads.create(workspace.marketer());
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = TestImports.utf8("""
                email,companyName,employees,country,timeline,industry,projectPlanned,lastName,website,phone,engagementScore
                ok-%1$s@good.example,Good GmbH,100,DE,NOW,MANUFACTURING,yes,Alt,good.example,+49 1,50
                not-an-email,Bad GmbH,100,DE,NOW,MANUFACTURING,yes,Alt,,,
                x-%1$s@x.example,,many,Germany,SOON,SPACE,maybe,%3$s,not a site,call me,101
                ok-%1$s@GOOD.example,Twice GmbH,100,DE,NOW,,,,,,
                %2$s,Existing GmbH,100,DE,NOW,,,,,,
                y-%1$s@y.example,"Broken "quote GmbH,1,DE,NOW,,,,,,
                z-%1$s@z.example,Zero GmbH,0,XX,NOW,,,,,,-1
                """.formatted(run, existing.data().getEmail(), "x".repeat(81)));

        // Checked while the uploader reads English; read afterwards in German (and again in English).
        long id = imports.upload(workspace.marketer(), "bad.csv", csv);
        for (String language : List.of("de", "en")) {
            String page = mvc.perform(get("/leads/import/{id}", id)
                            .param("lang", language)
                            .with(user(workspace.marketer())))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            Properties bundle = Bundles.of(Locale.forLanguageTag(language));
            Matcher rows = Pattern.compile(
                            "<tr data-line=\"(\\d+)\">\\s*<td>\\d+</td>\\s*<td>(.*?)</td>\\s*<td>(?:<span>)?(.*?)</(?:span|td)>",
                            Pattern.DOTALL)
                    .matcher(page);
            List<String> reasons = new ArrayList<>();
            while (rows.find()) {
                String field = Bundles.text(rows.group(2));
                String reason = Bundles.text(rows.group(3));
                reasons.add(reason);
                assertThat(Bundles.isMessageOf(bundle, field))
                        .as("field %s on line %s", field, rows.group(1))
                        .isTrue();
                assertThat(Bundles.isMessageOf(bundle, reason))
                        .as("reason \"%s\" on line %s (%s)", reason, rows.group(1), language)
                        .isTrue();
                assertThat(reason).doesNotContain("{").doesNotContain("import.").doesNotContain("validation.");
            }
            assertThat(reasons).hasSizeGreaterThanOrEqualTo(14);
            if (language.equals("de")) {
                assertThat(reasons)
                        .contains(
                                "muss eine ganze Zahl sein",
                                "ein Lead mit dieser E-Mail-Adresse existiert bereits",
                                "dieselbe E-Mail-Adresse steht schon in Zeile 2",
                                "Bitte verwenden Sie höchstens 80 Zeichen.",
                                "Bitte geben Sie höchstens 100 ein.")
                        .doesNotContain("must be a whole number");
            } else {
                assertThat(reasons).contains("must be a whole number", "Please use at most 80 characters.");
            }
            assertThat(page)
                    .contains("href=\"/leads/" + existing.id() + "\"")
                    .contains(language.equals("de") ? "Vorhandenen Lead öffnen" : "Open the existing lead");
        }
    }

    @Test
    void theExportOffersACommaFileAndOneGermanExcelOpensAsColumnsBothNamedAfterTheWorkspaceAndTheDay()
            throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput tricky = TestLeads.qualifiedLead();
        tricky.setCompanyName("=SUM(1;2) Müller; Söhne");
        tricky.setDepartment("-Einkauf");
        leads.create(workspace.marketer(), tricky);
        String slug = owner.jdbc()
                .sql("select slug from tenant where id = ?")
                .param(workspace.tenantId())
                .query(String.class)
                .single();
        assertThat(slug).startsWith("test-workspace-");
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).toString();

        mvc.perform(get("/leads").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("href=\"/leads/export?format=excel")));

        var comma = mvc.perform(get("/leads/export").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse();
        assertThat(comma.getHeader("Content-Disposition"))
                .matches("attachment; filename=\"leads-" + slug + "-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        assertThat(comma.getHeader("Content-Disposition")).contains(today);

        var excel = mvc.perform(get("/leads/export").param("format", "excel").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse();
        assertThat(excel.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"leads-" + slug + "-" + today + "-excel.csv\"");
        byte[] bytes = excel.getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF); // UTF-8 with a byte order mark
        String[] lines = new String(bytes, StandardCharsets.UTF_8).substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("externalId;firstName;lastName;email;").endsWith(";stage;createdAt");
        assertThat(lines[1])
                .contains(tricky.getEmail())
                .contains("\"'=SUM(1;2) Müller; Söhne\"")
                .contains(";'-Einkauf;");
        assertThat(lines[1].split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).hasSize(lines[0].split(";").length);
    }
}
