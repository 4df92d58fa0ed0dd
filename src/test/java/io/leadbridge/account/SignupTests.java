package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import jakarta.servlet.http.Cookie;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class SignupTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    BrowserSessions browser;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestWorkspaces workspaces;

    @Test
    void theFormAsksForWorkspaceNameEmailAndPassword() throws Exception {
        mvc.perform(get("/signup"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"workspaceName\"")))
                .andExpect(content().string(Matchers.containsString("for=\"email\"")))
                .andExpect(content().string(Matchers.containsString("Create a workspace")));
    }

    @Test
    void signingUpCreatesTheWorkspaceAndItsAdminAndSignsThemIn() throws Exception {
        String workspace = "Becker Maschinenbau " + UUID.randomUUID();
        String email = TestWorkspaces.uniqueEmail("Jana.Becker");

        MvcResult result = mvc.perform(post("/signup")
                        .with(csrf())
                        .param("workspaceName", workspace)
                        .param("name", "Jana Becker")
                        .param("email", email)
                        .param("password", "exactly-12ch"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(browser.signedIn("ADMIN"))
                .andReturn();

        assertThat(owner.count("select count(*) from tenant where name = ?", workspace))
                .isOne();
        assertThat(owner.jdbc().sql("""
                                select a.display_name || '|' || array_to_string(a.roles, ',') || '|' || a.active
                                from account a join tenant t on t.id = a.tenant_id where t.name = ?
                                """).param(workspace).query(String.class).list())
                .containsExactly("Jana Becker|ADMIN|true");
        assertThat(owner.jdbc()
                        .sql("select password_hash from account where email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .startsWith("{argon2}")
                .doesNotContain("exactly-12ch");

        Cookie session = BrowserSessions.cookie(result);
        mvc.perform(get("/").with(BrowserSessions.with(session))).andExpect(redirectedUrl("/admin/users"));
        mvc.perform(get("/admin/users").with(BrowserSessions.with(session)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(email)))
                .andExpect(content().string(Matchers.containsString(workspace)));
    }

    @Test
    void aPasswordOf128CharactersIsAccepted() throws Exception {
        mvc.perform(post("/signup")
                        .with(csrf())
                        .param("workspaceName", "Long Password Ltd")
                        .param("name", "Pat")
                        .param("email", TestWorkspaces.uniqueEmail("pat"))
                        .param("password", "p".repeat(128)))
                .andExpect(redirectedUrl("/"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("workspaceName", "", "Please fill this in."),
                Arguments.of("workspaceName", "x".repeat(121), "Please use at most 120 characters."),
                Arguments.of("name", "  ", "Please fill this in."),
                Arguments.of("email", "", "Please fill this in."),
                Arguments.of("email", "not-an-email", "Please enter a valid e-mail address"),
                Arguments.of("email", "jana@becker", "Please enter a valid e-mail address"),
                Arguments.of("email", "<jana@becker.example>", "Please enter a valid e-mail address"),
                Arguments.of("email", ".jana@becker.example", "Please enter a valid e-mail address"),
                Arguments.of("email", "jana@-becker.example", "Please enter a valid e-mail address"),
                Arguments.of("workspaceName", "Becker\u0007GmbH", "control characters"),
                Arguments.of("name", "Jana \u001b[31mBecker", "control characters"),
                Arguments.of("password", "", "Please fill this in."),
                Arguments.of("password", "eleven-char", "between 12 and 128 characters"),
                Arguments.of("password", "p".repeat(129), "between 12 and 128 characters"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badInput")
    void badInputReRendersTheFormWithTheErrorAtTheFieldAndCreatesNothing(String field, String value, String message)
            throws Exception {
        String workspace = "Rejected " + UUID.randomUUID();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("workspaceName", workspace);
        fields.put("name", "Jana Becker");
        fields.put("email", TestWorkspaces.uniqueEmail("jana"));
        fields.put("password", "long-enough-password");
        fields.put(field, value);
        var request = post("/signup").with(csrf());
        fields.forEach(request::param);

        mvc.perform(request)
                .andExpect(status().isUnprocessableContent())
                .andExpect(browser.signedOut())
                .andExpect(content().string(Matchers.containsString("id=\"" + field + "-error\"")))
                .andExpect(content().string(Matchers.containsString(message)))
                .andExpect(content().string(Matchers.containsString("aria-describedby=\"" + field + "-error\"")));

        assertThat(owner.count("select count(*) from tenant where name = ?", workspace))
                .isZero();
        assertThat(owner.count("select count(*) from tenant where name = ?", value))
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "Password1234", " qwertyuiopasdfgh ", "123456789012", "iloveyouforever"})
    void aCommonPasswordIsRefusedAtTheFieldAndCreatesNothing(String password) throws Exception {
        String workspace = "Common " + UUID.randomUUID();

        mvc.perform(post("/signup")
                        .with(csrf())
                        .param("workspaceName", workspace)
                        .param("name", "Jana Becker")
                        .param("email", TestWorkspaces.uniqueEmail("jana"))
                        .param("password", password))
                .andExpect(status().isUnprocessableContent())
                .andExpect(browser.signedOut())
                .andExpect(content().string(Matchers.containsString("id=\"password-error\"")))
                .andExpect(content().string(Matchers.containsString("one of the most common ones")))
                .andExpect(content().string(Matchers.containsString("value=\"" + workspace + "\"")));

        assertThat(owner.count("select count(*) from tenant where name = ?", workspace))
                .isZero();
    }

    @Test
    void aPasswordThatIsNotCommonIsAccepted() throws Exception {
        mvc.perform(post("/signup")
                        .with(csrf())
                        .param("workspaceName", "Uncommon " + UUID.randomUUID())
                        .param("name", "Pat")
                        .param("email", TestWorkspaces.uniqueEmail("pat"))
                        .param("password", "Wandering-Lighthouse-Keeper-47"))
                .andExpect(redirectedUrl("/"))
                .andExpect(browser.signedIn());
    }

    @Test
    void signingUpTellsNobodyWhetherTheEmailHasAnAccountElsewhere() throws Exception {
        var existing = workspaces.create();
        String workspace = "Second Company " + UUID.randomUUID();

        mvc.perform(post("/signup")
                        .with(csrf())
                        .param("workspaceName", workspace)
                        .param("name", "Ada Again")
                        .param("email", existing.admin().getEmail().toUpperCase())
                        .param("password", "long-enough-password")
                        .with(request -> {
                            request.setRemoteAddr("192.0.2.40");
                            return request;
                        }))
                .andExpect(redirectedUrl("/"))
                .andExpect(browser.signedIn("ADMIN"));

        // A workspace of its own, as for any new address; the first workspace is untouched.
        assertThat(owner.count("select count(*) from tenant where name = ?", workspace))
                .isOne();
        assertThat(owner.count(
                        "select count(*) from account where lower(email) = lower(?)",
                        existing.admin().getEmail()))
                .isEqualTo(2);
    }

    @Test
    void aWorkspaceNameIsTurnedIntoAUniqueAddress() throws Exception {
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/signup")
                            .with(csrf())
                            .param("workspaceName", "Müller & Söhne GmbH")
                            .param("name", "Grete Müller")
                            .param("email", TestWorkspaces.uniqueEmail("grete"))
                            .param("password", "long-enough-password"))
                    .andExpect(redirectedUrl("/"));
        }

        assertThat(owner.jdbc()
                        .sql("select slug from tenant where name = 'Müller & Söhne GmbH'")
                        .query(String.class)
                        .list())
                .hasSizeGreaterThanOrEqualTo(2)
                .doesNotHaveDuplicates()
                .allSatisfy(slug ->
                        assertThat(slug).startsWith("mueller-soehne-gmbh").matches("[a-z0-9-]+"));
    }
}
