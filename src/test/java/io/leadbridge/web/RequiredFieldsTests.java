package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The fields a form cannot be sent without are marked as such on every form (issue 16): {@code required} and {@code
 * aria-required="true"} on the field (app.css puts the visible asterisk on its label), and only those.
 */
@IntegrationTest
class RequiredFieldsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    /** The opening tag of the form control with this id. */
    static String control(String page, String id) {
        Matcher tag = Pattern.compile("<(input|select|textarea)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(tag.find()).as("a control with id " + id).isTrue();
        return tag.group();
    }

    static void required(String page, String... ids) {
        for (String id : ids) {
            assertThat(control(page, id)).as(id).contains(" required").contains("aria-required=\"true\"");
        }
    }

    static void optional(String page, String... ids) {
        for (String id : ids) {
            assertThat(control(page, id)).as(id).doesNotContain(" required").doesNotContain("aria-required");
        }
    }

    @Test
    void everyFormMarksTheFieldsItCannotBeSentWithout() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount marketer = workspace.marketer();
        SignedInAccount admin = workspace.admin();
        LeadView lead = leads.create(marketer);

        String signup = page(get("/signup"));
        required(signup, "workspaceName", "name", "email", "password");

        String newLead = page(get("/leads/new").with(user(marketer)));
        required(newLead, "email", "companyName");
        assertThat(newLead).contains("id=\"required-note\"").contains("Fields marked with * must be filled in.");
        optional(newLead, "firstName", "lastName", "phone", "website", "employees", "country", "industry", "timeline");

        String edit = page(get("/leads/" + lead.id() + "/edit").with(user(marketer)));
        required(edit, "email", "companyName");
        optional(edit, "firstName", "source");

        required(page(get("/leads/" + lead.id()).with(user(marketer))), "comment-body");
        required(page(get("/leads/import").with(user(marketer))), "file");
        required(page(get("/admin/users/new").with(user(admin))), "name", "email");
        required(page(get("/admin/api-keys").with(user(admin))), "name");
        required(page(get("/admin/settings").with(user(admin))), "timeZone", "dayStart", "dayEnd");
        required(page(get("/admin/rejection-reasons").with(user(admin))), "new-label");

        // The marks are visible: the stylesheet puts an asterisk on the label of each of them.
        String css = page(get("/css/app.css"));
        assertThat(css).contains(".form-label:has(~ :is([required], [aria-required=\"true\"]))::after");
        for (String form : List.of(signup, newLead)) {
            assertThat(form).contains("/css/app.css").contains("/js/forms.js");
        }
    }
}
