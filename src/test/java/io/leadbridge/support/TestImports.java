package io.leadbridge.support;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

import io.leadbridge.account.SignedInAccount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A CSV import as a marketer makes it on the import pages, for an {@link IntegrationTest}: the upload (answered once
 * the background check has ended), the confirmation with the choices the page offers, the wait for the import to end,
 * and what {@code lead_import} then holds. Inject it: {@code @Autowired TestImports imports;}.
 */
@TestComponent
public class TestImports {

    /** How long a check or an import may take on a busy machine before a test gives up. */
    static final Duration AT_MOST = Duration.ofSeconds(120);

    private final MockMvc mvc;
    private final OwnerDatabase owner;

    TestImports(MockMvc mvc, OwnerDatabase owner) {
        this.mvc = mvc;
        this.owner = owner;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads {@code content} as the file {@code fileName}, and answers the import's id once its check has ended. */
    public long upload(SignedInAccount marketer, String fileName, byte[] content) throws Exception {
        String location = mvc.perform(multipart("/leads/import")
                        .file(new MockMultipartFile("file", fileName, "text/csv", content))
                        .with(csrf())
                        .with(user(marketer)))
                .andExpect(redirectedUrlPattern("/leads/import/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        awaitChecked(id);
        return id;
    }

    /** The same, the file's text in UTF-8. */
    public long upload(SignedInAccount marketer, String fileName, String content) throws Exception {
        return upload(marketer, fileName, utf8(content));
    }

    /** The file is checked in the background once it is uploaded (or mapped anew); the preview shows afterwards. */
    public void awaitChecked(long id) {
        await().atMost(AT_MOST).until(() -> !status(id).equals("ANALYSING"));
    }

    /**
     * Confirms the import as its page's form does, with the page's choices as names and values, e.g. {@code
     * "validOnly", "true"}; does not wait for the import.
     */
    public void confirm(SignedInAccount marketer, long id, String... choices) throws Exception {
        MockHttpServletRequestBuilder request =
                post("/leads/import/{id}/confirm", id).with(csrf()).with(user(marketer));
        for (int i = 0; i + 1 < choices.length; i += 2) {
            request.param(choices[i], choices[i + 1]);
        }
        mvc.perform(request).andExpect(redirectedUrlPattern("/leads/import/*"));
    }

    /** Waits until the import has ended, done or failed, and answers its status. */
    public String awaitFinished(long id) {
        await().atMost(AT_MOST).until(() -> status(id).matches("DONE|FAILED"));
        return status(id);
    }

    /** As {@link #awaitFinished}, answering the status, the number of leads imported (-1: none) and the message. */
    public String awaitOutcome(long id) {
        awaitFinished(id);
        return owner.jdbc()
                .sql("select status || '|' || coalesce(imported, -1) || '|' || coalesce(message, '')"
                        + " from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** The import's status as {@code lead_import} holds it. */
    public String status(long id) {
        return owner.jdbc()
                .sql("select status from lead_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /**
     * A whole import of a file's valid rows: uploaded, previewed, confirmed and done. Answers the import's id; fails
     * the test when the import did not end done.
     */
    public long imported(SignedInAccount marketer, String fileName, String csv) throws Exception {
        long id = upload(marketer, fileName, csv);
        if (!status(id).equals("PREVIEWED")) {
            throw new AssertionError("import " + id + " was not previewed but " + status(id));
        }
        confirm(marketer, id, "validOnly", "true");
        String status = awaitFinished(id);
        if (!status.equals("DONE")) {
            throw new AssertionError("import " + id + " ended " + status);
        }
        return id;
    }
}
