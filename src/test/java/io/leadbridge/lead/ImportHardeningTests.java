package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestImports;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What the import does with files that are broken, hostile or large (issue 15, findings 2 and 9): a preview that
 * names each bad line, never a 500; files that are no CSV refused with a clear message and nothing kept; the preview
 * computed once and kept; the number of files checked at once bounded.
 */
@IntegrationTest
class ImportHardeningTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestImports testImports;

    @Autowired
    LeadImports imports;

    private ResultActions send(SignedInAccount marketer, String name, byte[] content) throws Exception {
        return mvc.perform(multipart("/leads/import")
                .file(new MockMultipartFile("file", name, "text/csv", content))
                .with(csrf())
                .with(user(marketer)));
    }

    private String page(SignedInAccount marketer, long id) throws Exception {
        return mvc.perform(get("/leads/import/{id}", id).with(user(marketer)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String importValidOnly(SignedInAccount marketer, long id) throws Exception {
        testImports.confirm(marketer, id, "validOnly", "true");
        return testImports.awaitFinished(id);
    }

    private long imports(TestWorkspace workspace) {
        return owner.count("select count(*) from lead_import where tenant_id = ?", workspace.tenantId());
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aStrayQuoteIsALineErrorAndTheRestOfTheFileIsStillChecked() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        byte[] csv = """
                email;companyName;firstName
                q1-%1$s@quote.example;Quote GmbH;=HYPERLINK("https://x.example";"click")
                q2-%1$s@quote.example;"Open quote GmbH;Ada
                q3-%1$s@quote.example;Fine AG;Ben
                """.formatted(run).getBytes(StandardCharsets.UTF_8);

        long id = testImports.upload(workspace.marketer(), "quotes.csv", csv);
        String page = page(workspace.marketer(), id);
        assertThat(page)
                .contains("id=\"rows\">3<", "id=\"valid-rows\">1<", "id=\"invalid-rows\">2<")
                .contains("data-line=\"2\"", "has text after its closing quote")
                .contains("data-line=\"3\"", "is not closed")
                .doesNotContain("data-line=\"4\"");
        // Opening the preview again works as often as one likes: it is kept, not computed again.
        assertThat(page(workspace.marketer(), id)).contains("id=\"invalid-rows\">2<");

        assertThat(importValidOnly(workspace.marketer(), id)).isEqualTo("DONE");
        assertThat(owner.count("select count(*) from lead_import_part where import_id = ?", id))
                .as("an ended import's file is deleted")
                .isZero();
        assertThat(owner.jdbc()
                        .sql("select email from lead where tenant_id = ?")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .list())
                .containsExactly("q3-" + run + "@quote.example");
    }

    @Test
    void aFileThatIsNotUtf8IsReadAsWindows1252AndThePreviewSaysSo() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        byte[] csv = ("email;companyName;lastName\nm-" + run + "@cp.example;Müller & Söhne GmbH;Müller\n")
                .getBytes(Charset.forName("windows-1252"));

        long id = testImports.upload(workspace.marketer(), "excel-de.csv", csv);
        assertThat(page(workspace.marketer(), id)).contains("id=\"encoding\">Windows-1252", "id=\"valid-rows\">1<");
        assertThat(importValidOnly(workspace.marketer(), id)).isEqualTo("DONE");
        assertThat(owner.jdbc()
                        .sql("select company_name || '|' || last_name from lead where tenant_id = ?")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo("Müller & Söhne GmbH|Müller");
    }

    @Test
    void utf16WithItsByteOrderMarkIsRead() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        csv.write(("email\tcompanyName\nu-" + run + "@sixteen.example\tGrüße GmbH\n")
                .getBytes(StandardCharsets.UTF_16LE));

        long id = testImports.upload(workspace.marketer(), "unicode.txt", csv.toByteArray());
        assertThat(page(workspace.marketer(), id))
                .contains("id=\"encoding\">UTF-16 (little-endian", "id=\"delimiter\">tab<", "id=\"valid-rows\">1<");
    }

    @Test
    void filesThatAreNoCsvFilesAreRefusedOnTheImportPageAndNothingIsKept() throws Exception {
        TestWorkspace workspace = workspaces.create();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

        send(workspace.marketer(), "picture.csv", png)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("This is not a CSV file")));
        send(workspace.marketer(), "leads.xlsx", xlsx)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("This is an Excel workbook")));
        String wide = String.join(
                ",",
                java.util.stream.IntStream.range(0, 10_000)
                        .mapToObj(i -> "c" + i)
                        .toList());
        send(workspace.marketer(), "wide.csv", (wide + "\n").getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("more than 200 columns")));

        assertThat(imports(workspace)).isZero();
        assertThat(owner.count("select count(*) from lead_import_part where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void aFileNameThatCannotBeOneIsAnsweredAtTheField() throws Exception {
        TestWorkspace workspace = workspaces.create();
        byte[] csv = "email,companyName\n".getBytes(StandardCharsets.UTF_8);

        send(workspace.marketer(), "x".repeat(300) + ".csv", csv)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"file-error\"")))
                .andExpect(content().string(Matchers.containsString("longer than 255 characters")));
        send(workspace.marketer(), "leads\u0000.csv", csv)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("cannot be stored")));
        assertThat(imports(workspace)).isZero();

        // A path in the name (as some browsers send it) is dropped.
        long id = testImports.upload(workspace.marketer(), "C:\\Users\\mia\\Desktop\\leads.csv", csv);
        assertThat(owner.jdbc()
                        .sql("select file_name from lead_import where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("leads.csv");
    }

    @Test
    void aNulOrAnotherControlCharacterInACellIsALineErrorOfItsField() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        byte[] csv = ("email,companyName,firstName\n"
                        + "n1-" + run + "@nul.example,Nul\u0000 GmbH,Ada\n"
                        + "n2-" + run + "@nul.example,Escape GmbH,\u001B[31mRed\n"
                        + "n3-" + run + "@nul.example,Clean GmbH,Clara\n")
                .getBytes(StandardCharsets.UTF_8);

        long id = testImports.upload(workspace.marketer(), "controls.csv", csv);
        String page = page(workspace.marketer(), id);
        assertThat(page)
                .contains("id=\"valid-rows\">1<", "id=\"invalid-rows\">2<")
                .contains("data-line=\"2\"", "data-line=\"3\"", "control characters");
        assertThat(importValidOnly(workspace.marketer(), id)).isEqualTo("DONE");
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and company_name = 'Clean GmbH'",
                        workspace.tenantId()))
                .isOne();
    }

    @Test
    void thePreviewIsReadFromWhatTheCheckKeptNotFromTheFile() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        StringBuilder csv = new StringBuilder("email,companyName,department\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append("r")
                    .append(i)
                    .append('-')
                    .append(run)
                    .append("@big.example,Big ")
                    .append(i)
                    .append(" GmbH,")
                    .append("Purchasing and logistics department, building ")
                    .append(i)
                    .append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(3_000_000);

        long id = testImports.upload(workspace.marketer(), "big.csv", bytes);
        assertThat(owner.count("select count(*) from lead_import_part where import_id = ?", id))
                .as("kept in parts of at most a mebibyte")
                .isEqualTo(4);
        assertThat(owner.count("select max(length(bytes)) from lead_import_part where import_id = ?", id))
                .isLessThanOrEqualTo(1 << 20);

        // A view of the preview allocates a small, fixed amount however large the file is (it used to parse it).
        page(workspace.marketer(), id);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        String page = page(workspace.marketer(), id);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(page).contains("id=\"valid-rows\">40000<");
        assertThat(allocated).as("bytes allocated by one view of the preview").isLessThan(bytes.length / 2);

        // It needs no file at all.
        owner.jdbc()
                .sql("delete from lead_import_part where import_id = ?")
                .param(id)
                .update();
        assertThat(page(workspace.marketer(), id)).contains("id=\"valid-rows\">40000<");
    }

    @Test
    void whileTheChecksAreAllBusyAFurtherUploadIsToldToWaitAndNothingIsKept() throws Exception {
        TestWorkspace workspace = workspaces.create();
        int slots = LeadImports.CHECKS_AT_ONCE + LeadImports.CHECKS_WAITING;
        imports.checkSlots().acquire(slots);
        try {
            send(workspace.marketer(), "later.csv", "email,companyName\n".getBytes(StandardCharsets.UTF_8))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("Many files are being checked right now")));
            assertThat(imports(workspace)).isZero();
        } finally {
            imports.checkSlots().release(slots);
        }
        testImports.upload(workspace.marketer(), "now.csv", "email,companyName\n".getBytes(StandardCharsets.UTF_8));
        assertThat(imports(workspace)).isOne();
    }

    @Test
    void aFileWithMoreRowsThanTheLimitIsNotImportedAndSaysWhy() throws Exception {
        TestWorkspace workspace = workspaces.create();
        StringBuilder csv = new StringBuilder("email,companyName\n");
        for (int i = 0; i <= LeadImports.MAX_ROWS; i++) {
            csv.append("x\n");
        }

        long id = testImports.upload(
                workspace.marketer(), "huge.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(page(workspace.marketer(), id))
                .contains("id=\"file-problem\"", "more than 200,000 rows")
                .doesNotContain("id=\"import-valid-only\"", "id=\"import-all\"");
        mvc.perform(post("/leads/import/{id}/confirm", id)
                        .param("validOnly", "true")
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andExpect(redirectedUrlPattern("/leads/import/*"));
        assertThat(testImports.status(id)).isEqualTo("PREVIEWED");
    }

    @Test
    void thePreviewsReasonsAreInTheLanguageOfWhoeverReadsThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = run();
        byte[] csv = ("email;companyName;employees\n"
                        + "d1-" + run + "@de.example;Deutsch GmbH;viele\n"
                        + "d2-" + run + "@de.example;\"Offen GmbH;12\n")
                .getBytes(StandardCharsets.UTF_8);

        String location = mvc.perform(multipart("/leads/import")
                        .file(new MockMultipartFile("file", "deutsch.csv", "text/csv", csv))
                        .param("lang", "de")
                        .locale(java.util.Locale.GERMAN)
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        testImports.awaitChecked(id);

        // The reasons are kept as codes and worded in the language of whoever reads the preview.
        assertThat(mvc.perform(get("/leads/import/{id}", id).param("lang", "de").with(user(workspace.marketer())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("muss eine ganze Zahl sein", "nicht geschlossen");
        assertThat(mvc.perform(get("/leads/import/{id}", id).param("lang", "en").with(user(workspace.marketer())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("must be a whole number", "is not closed");
    }

    @Test
    void aHeaderWithTheDelimiterInsideQuotedNamesIsReadAsItsColumns() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String quoted = "\"" + ",".repeat(250) + "\"";
        byte[] csv = ("email,companyName," + quoted + "\nq-" + run() + "@q.example,Quoted GmbH,x\n")
                .getBytes(StandardCharsets.UTF_8);

        long id = testImports.upload(workspace.marketer(), "quoted-header.csv", csv);
        assertThat(page(workspace.marketer(), id)).contains("id=\"valid-rows\">1<");
    }
}
