package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The check stages the valid rows of a file ({@code lead_import_row}, issue 21) and the import writes its leads from
 * them: what the database holds between the check and the import, what it writes, what changed meanwhile, and that
 * the staged rows go with the file.
 */
@IntegrationTest
class ImportStagingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    long upload(SignedInAccount marketer, String csv) throws Exception {
        String location = mvc.perform(multipart("/leads/import")
                        .file(new MockMultipartFile(
                                "file", "staged.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf())
                        .with(user(marketer)))
                .andExpect(redirectedUrlPattern("/leads/import/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> !status(id).equals("ANALYSING"));
        return id;
    }

    String status(long id) {
        return owner.jdbc()
                .sql("select status from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    String importAndAwait(SignedInAccount marketer, long id, boolean validOnly) throws Exception {
        mvc.perform(post("/leads/import/{id}/confirm", id)
                        .param("validOnly", Boolean.toString(validOnly))
                        .with(csrf())
                        .with(user(marketer)))
                .andExpect(redirectedUrlPattern("/leads/import/*"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id).matches("DONE|FAILED"));
        return owner.jdbc()
                .sql("select status || '|' || coalesce(imported, -1) || '|' || coalesce(message, '')"
                        + " from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    long staged(long id) {
        return owner.count("select count(*) from lead_import_row where import_id = ?", id);
    }

    @Test
    void theCheckStagesTheValidRowsAndTheImportWritesThemWithTheirFieldsThenForgetsThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long id = upload(workspace.marketer(), """
                externalId,firstName,email,companyName,employees,industry,country,timeline,projectPlanned,legalBasis,consentText,consentGivenAt
                x1-%1$s,\"Anna \"\"Nan\"\"\",a-%1$s@staged.example,"Alpha, Inc.",1.500,MANUFACTURING,de,NOW,yes,consent,Newsletter,2026-12-01T10:00:00+01:00
                ,Ben,not-an-address,Beta,,,,,,,,
                ,Cleo,c-%1$s@staged.example,Gamma,,,,,,,,
                ,Cleo again,C-%1$s@staged.example,Gamma Two,,,,,,,,
                """.formatted(run));

        assertThat(status(id)).isEqualTo("PREVIEWED");
        assertThat(staged(id)).isEqualTo(2);
        assertThat(owner.count("select staged_rows from lead_import where id = ?", id))
                .isEqualTo(2);

        assertThat(importAndAwait(workspace.marketer(), id, true)).isEqualTo("DONE|2|");
        assertThat(owner.jdbc()
                        .sql("""
                                select first_name || '|' || email || '|' || company_name || '|' || employees || '|'
                                    || industry || '|' || country || '|' || purchase_timeline || '|' || project_planned
                                    || '|' || external_id || '|' || legal_basis || '|' || consent_text || '|'
                                    || (consent_given_at = '2026-12-01T09:00:00Z') || '|' || origin || '|'
                                    || origin_import_id
                                from lead where tenant_id = ? and external_id is not null
                                """)
                        .param(workspace.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo(
                        "Anna \"Nan\"|a-%s@staged.example|Alpha, Inc.|1500|MANUFACTURING|DE|NOW|true|x1-%s|CONSENT|Newsletter|true|IMPORT|%d"
                                .formatted(run, run, id));
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from lead_event where tenant_id = ? and type = 'IMPORTED'",
                        workspace.tenantId()))
                .isEqualTo(2);
        assertThat(owner.count("select count(*) from lead_evaluation where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
        assertThat(staged(id)).isZero();
        assertThat(owner.count("select count(*) from lead_import_part where import_id = ?", id))
                .isZero();
    }

    @Test
    void aLeadCreatedBetweenTheCheckAndTheImportFailsAnAllOrNothingImportAndIsSkippedByAValidOnlyOne()
            throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = """
                externalId,email,companyName
                e1-%1$s,one-%1$s@staged.example,One
                e2-%1$s,two-%1$s@staged.example,Two
                e3-%1$s,three-%1$s@staged.example,Three
                """.formatted(run);
        long allOrNothing = upload(workspace.marketer(), file);
        long validOnly = upload(workspace.marketer(), file);
        // Meanwhile the workspace gets a lead with the second row's address, and one with the third row's external id.
        long meanwhile = upload(workspace.marketer(), """
                externalId,email,companyName
                ,TWO-%1$s@staged.example,Two Meanwhile
                e3-%1$s,other-%1$s@staged.example,Three Meanwhile
                """.formatted(run));
        assertThat(importAndAwait(workspace.marketer(), meanwhile, false)).isEqualTo("DONE|2|");

        assertThat(importAndAwait(workspace.marketer(), allOrNothing, false)).isEqualTo("FAILED|-1|import.invalidRows");
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
        assertThat(staged(allOrNothing)).isZero();

        assertThat(importAndAwait(workspace.marketer(), validOnly, true)).isEqualTo("DONE|1|");
        assertThat(owner.jdbc()
                        .sql("select company_name from lead where tenant_id = ? order by company_name")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .list())
                .containsExactly("One", "Three Meanwhile", "Two Meanwhile");
    }
}
