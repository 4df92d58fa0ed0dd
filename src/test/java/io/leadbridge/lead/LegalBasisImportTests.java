package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestImports;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The legal basis and origin of imported leads, and uploaded files that do not outlive their import (issue 20): gone
 * when the import is done, failed or interrupted, and any left after a day gone at the next clean-up.
 */
@IntegrationTest
class LegalBasisImportTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestImports testImports;

    @Autowired
    ImportRecovery recovery;

    @Autowired
    LeadImports imports;

    long storedParts(long id) {
        return owner.count("select count(*) from lead_import_part where import_id = ?", id);
    }

    @Test
    void legalBasisColumnsAreImportedABadValueIsARowProblemAndTheLeadsNameTheirImport() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                email,companyName,legalBasis,consentText,consentGivenAt
                consent-%1$s@one.example,One GmbH,consent,Newsletter please,2026-11-30T09:15:00+01:00
                contract-%1$s@two.example,Two AG,CONTRACT,,
                maybe-%1$s@three.example,Three KG,perhaps,,
                notext-%1$s@four.example,Four KG,CONSENT,,2026-11-30T09:15:00Z
                badtime-%1$s@five.example,Five KG,CONSENT,Yes,yesterday
                """.formatted(run);

        long id = testImports.upload(workspace.marketer(), "fair-2026.csv", csv);
        assertThat(storedParts(id)).as("the file is kept until it is imported").isPositive();
        String preview = mvc.perform(
                        get("/leads/import/{id}", id).locale(Locale.ENGLISH).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(preview)
                .contains("id=\"valid-rows\">2<", "id=\"invalid-rows\">3<")
                .contains("data-line=\"4\"", "data-line=\"5\"", "data-line=\"6\"")
                .doesNotContain("data-line=\"2\"", "data-line=\"3\"")
                .contains("must be one of CONSENT, LEGITIMATE_INTEREST, CONTRACT")
                .contains("Consent needs the text the person agreed to.")
                .contains("must be a date and time with its offset")
                .contains("<option value=\"legalBasis\" selected", "<option value=\"consentGivenAt\" selected");

        testImports.confirm(workspace.marketer(), id, "validOnly", "true");
        testImports.awaitFinished(id);

        assertThat(testImports.status(id)).isEqualTo("DONE");
        assertThat(storedParts(id))
                .as("the file is gone once the import is done")
                .isZero();
        List<String> leads = owner.jdbc()
                .sql("""
                        select split_part(email, '-', 1) || '|' || coalesce(legal_basis, '-') || '|'
                               || coalesce(consent_text, '-') || '|'
                               || coalesce(to_char(consent_given_at at time zone 'UTC', 'HH24:MI'), '-') || '|'
                               || origin || '|' || origin_import_id || '|' || origin_label || '|' || created_by
                        from lead where tenant_id = ? order by email
                        """)
                .param(workspace.tenantId())
                .query(String.class)
                .list();
        String tail = "|IMPORT|" + id + "|fair-2026.csv|" + workspace.marketer().accountId();
        assertThat(leads)
                .containsExactly("consent|CONSENT|Newsletter please|08:15" + tail, "contract|CONTRACT|-|-" + tail);
        long leadId = owner.jdbc()
                .sql("select id from lead where tenant_id = ? and email like 'consent-%'")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        assertThat(mvc.perform(get("/leads/{id}", leadId).locale(Locale.ENGLISH).with(user(workspace.salesRep())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("CSV import #" + id + ", file “fair-2026.csv”, by "
                        + workspace.marketer().getDisplayName());
    }

    @Test
    void aFailedImportLosesItsFileAtOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = testImports.upload(workspace.marketer(), "broken.csv", "email,companyName\nnot-an-email,Broken\n");
        assertThat(storedParts(id)).isPositive();
        testImports.confirm(workspace.marketer(), id, "validOnly", "false");

        assertThat(testImports.awaitFinished(id)).isEqualTo("FAILED");
        assertThat(storedParts(id)).isZero();
    }

    @Test
    void anInterruptedImportLosesItsFileWhenItIsClosed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = testImports.upload(workspace.marketer(), "interrupted.csv", "email,companyName\na@b.example,B\n");
        // As an instance that died in the middle of the import leaves it: running, nobody holding its lock.
        owner.jdbc()
                .sql("update lead_import set status = 'RUNNING' where id = ?")
                .param(id)
                .update();

        imports.recover(workspace.tenantId(), id, false);

        assertThat(testImports.status(id)).isEqualTo("FAILED");
        assertThat(storedParts(id)).isZero();
    }

    @Test
    void filesLeftForMoreThanADayAreDeletedByTheCleanUpAndYoungerOnesStay() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long old = testImports.upload(workspace.marketer(), "old.csv", "email,companyName\nold@old.example,Old\n");
        long young =
                testImports.upload(workspace.marketer(), "young.csv", "email,companyName\nyoung@young.example,Young\n");
        long ended =
                testImports.upload(workspace.marketer(), "ended.csv", "email,companyName\nended@ended.example,Ended\n");
        owner.jdbc()
                .sql("update lead_import set created_at = now() - interval '25 hours' where id = ?")
                .param(old)
                .update();
        owner.jdbc()
                .sql("update lead_import set created_at = now() - interval '23 hours' where id = ?")
                .param(young)
                .update();
        // A file an earlier version left behind with its ended import.
        owner.jdbc()
                .sql("update lead_import set status = 'DONE', finished_at = now() where id = ?")
                .param(ended)
                .update();
        assertThat(storedParts(old) * storedParts(young) * storedParts(ended)).isPositive();

        // Two instances' clean-ups at once: each file is closed and deleted once, and neither fails.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = List.of(
                    pool.submit(() -> {
                        start.await();
                        recovery.forgetStaleFiles();
                        return null;
                    }),
                    pool.submit(() -> {
                        start.await();
                        recovery.forgetStaleFiles();
                        return null;
                    }));
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(testImports.status(old)).isEqualTo("FAILED");
        assertThat(owner.jdbc()
                        .sql("select message from lead_import where id = ?")
                        .param(old)
                        .query(String.class)
                        .single())
                .isEqualTo("import.expiredAfterADay");
        assertThat(storedParts(old)).isZero();
        assertThat(storedParts(ended)).isZero();
        assertThat(testImports.status(young)).isEqualTo("PREVIEWED");
        assertThat(storedParts(young)).isPositive();
        assertThat(mvc.perform(get("/leads/import/{id}", old)
                                .locale(Locale.GERMAN)
                                .with(user(workspace.marketer())))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("mehr als einen Tag");
    }
}
