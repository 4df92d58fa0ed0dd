package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.Generated;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Generated files through the whole import — upload, the check in the background, the preview, the import in both of
 * its modes — against the real database (issue 15, Done-when). Each file either is refused on the import page with a
 * message and nothing kept, or gets a preview whose counts add up; importing all-or-nothing writes every valid row or,
 * with any invalid one, nothing; importing the valid rows only writes exactly those. Never a 5xx.
 */
@IntegrationTest
class ImportFuzzTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    /** A file of lead rows, broken in the ways files are: quotes, controls, encodings, widths, lengths. */
    static byte[] file(Generated gen, String run) {
        if (gen.chance(0.15)) {
            return gen.bytes(2_000);
        }
        StringBuilder csv = new StringBuilder("email;companyName;firstName\n");
        int rows = gen.between(0, 30);
        for (int r = 0; r < rows; r++) {
            csv.append(r == 0 ? "" : "\n")
                    .append("f")
                    .append(gen.between(0, 40))
                    .append('-')
                    .append(run)
                    .append("@fuzz.example;");
            csv.append(gen.chance(0.7) ? "Fuzz " + gen.letters(1, 8) + " GmbH" : gen.trickyText(3));
            csv.append(';').append(gen.chance(0.6) ? gen.letters(1, 10) : gen.trickyText(3));
            for (int extra = gen.between(0, 3); extra > 0; extra--) {
                csv.append(';').append(gen.trickyText(2));
            }
        }
        Charset charset = gen.oneOf(StandardCharsets.UTF_8, Charset.forName("windows-1252"), StandardCharsets.UTF_16LE);
        byte[] body = csv.toString().getBytes(charset);
        if (!charset.equals(StandardCharsets.UTF_16LE)) {
            return body;
        }
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        return withBom;
    }

    @Test
    void generatedFilesEndInAPreviewOrAClearRefusalAndImportAllOrNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Generated gen = Generated.fresh();

        for (int i = 0; i < 36; i++) {
            byte[] file = file(gen, run);
            String label = gen.label(i, file);
            long leadsBefore = leads(workspace);
            MockHttpServletResponse uploaded = mvc.perform(multipart("/leads/import")
                            .file(new MockMultipartFile("file", "fuzz-" + i + ".csv", "text/csv", file))
                            .with(csrf())
                            .with(user(workspace.marketer())))
                    .andReturn()
                    .getResponse();
            assertThat(uploaded.getStatus()).as(label).isIn(200, 302);
            if (uploaded.getStatus() == 200) {
                assertThat(uploaded.getContentAsString()).as(label).contains("id=\"file-error\"");
                continue;
            }
            long id = Long.parseLong(uploaded.getRedirectedUrl().substring("/leads/import/".length()));
            await().atMost(Duration.ofSeconds(60)).until(() -> !status(id).equals("ANALYSING"));
            assertThat(status(id)).as(label).isEqualTo("PREVIEWED");
            assertThat(mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(label)
                    .isEqualTo(200);
            long[] counts = owner.jdbc()
                    .sql("select rows_total, rows_valid, rows_invalid from lead_import where id = ?")
                    .param(id)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .single();
            assertThat(counts[1] + counts[2])
                    .as(label + ": valid and invalid rows add up")
                    .isEqualTo(counts[0]);

            boolean validOnly = i % 2 == 0;
            int confirmed = mvc.perform(post("/leads/import/{id}/confirm", id)
                            .param("validOnly", Boolean.toString(validOnly))
                            .with(csrf())
                            .with(user(workspace.marketer())))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(confirmed).as(label).isEqualTo(302);
            await().atMost(Duration.ofSeconds(60)).until(() -> status(id).matches("DONE|FAILED|PREVIEWED"));
            long written = leads(workspace) - leadsBefore;
            if (validOnly || counts[2] == 0) {
                assertThat(status(id)).as(label).isEqualTo("DONE");
                assertThat(written)
                        .as(label + ": the valid rows, no more, no fewer")
                        .isEqualTo(counts[1]);
            } else {
                assertThat(status(id)).as(label).isEqualTo("FAILED");
                assertThat(written).as(label + ": all or nothing").isZero();
            }
        }
    }

    private String status(long id) {
        return owner.jdbc()
                .sql("select status from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private long leads(TestWorkspace workspace) {
        return owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId());
    }
}
