package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestImports;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    TestImports imports;

    String importAndAwait(SignedInAccount marketer, long id, boolean validOnly) throws Exception {
        imports.confirm(marketer, id, "validOnly", Boolean.toString(validOnly));
        return imports.awaitOutcome(id);
    }

    long staged(long id) {
        return owner.count("select count(*) from lead_import_row where import_id = ?", id);
    }

    @Test
    void theCheckStagesTheValidRowsAndTheImportWritesThemWithTheirFieldsThenForgetsThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long id = imports.upload(workspace.marketer(), "staged.csv", """
                externalId,firstName,email,companyName,employees,industry,country,timeline,projectPlanned,legalBasis,consentText,consentGivenAt
                x1-%1$s,\"Anna \"\"Nan\"\"\",a-%1$s@staged.example,"Alpha, Inc.",1.500,MANUFACTURING,de,NOW,yes,consent,Newsletter,2026-12-01T10:00:00+01:00
                ,Ben,not-an-address,Beta,,,,,,,,
                ,Cleo,c-%1$s@staged.example,Gamma,,,,,,,,
                ,Cleo again,C-%1$s@staged.example,Gamma Two,,,,,,,,
                """.formatted(run));

        assertThat(imports.status(id)).isEqualTo("PREVIEWED");
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
        long allOrNothing = imports.upload(workspace.marketer(), "staged.csv", file);
        long validOnly = imports.upload(workspace.marketer(), "staged.csv", file);
        // Meanwhile the workspace gets a lead with the second row's address, and one with the third row's external id.
        long meanwhile = imports.upload(workspace.marketer(), "staged.csv", """
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
