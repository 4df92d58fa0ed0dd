package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PeopleAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    private String roles(SignedInAccount person) {
        return owner.jdbc()
                .sql("select array_to_string(roles, ',') from account where id = ?")
                .param(person.accountId())
                .query(String.class)
                .single();
    }

    private boolean active(SignedInAccount person) {
        return owner.jdbc()
                .sql("select active from account where id = ?")
                .param(person.accountId())
                .query(Boolean.class)
                .single();
    }

    private long version(SignedInAccount person) {
        return owner.count("select version from account where id = ?", person.accountId());
    }

    @Test
    void theListShowsTheWorkspacesPeopleAndNoOneElse() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();

        mvc.perform(get("/admin/users").with(user(mine.admin())))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(Matchers.containsString(mine.marketer().getEmail())))
                .andExpect(
                        content().string(Matchers.containsString(mine.liaison().getEmail())))
                .andExpect(content()
                        .string(Matchers.not(
                                Matchers.containsString(theirs.marketer().getEmail()))));
    }

    @Test
    void anAdminAddsAPersonWithRolesWhoCanThenSignIn() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = TestWorkspaces.uniqueEmail("nora");

        mvc.perform(post("/admin/users")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("name", "Nora Nurture")
                        .param("email", email)
                        .param("roles", "MARKETER", "LIAISON")
                        .param("password", "initial-password"))
                .andExpect(redirectedUrl("/admin/users"))
                .andExpect(flash().attribute("flashSuccess", "people.created"));

        assertThat(owner.jdbc()
                        .sql("select tenant_id || '|' || array_to_string(roles, ',') from account where email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .isEqualTo(workspace.tenantId() + "|MARKETER,LIAISON");
        mvc.perform(post("/login").with(csrf()).param("username", email).param("password", "initial-password"))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void addingAPersonWithBadInputShowsEachErrorAtItsFieldAndAddsNoOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long before = owner.count("select count(*) from account where tenant_id = ?", workspace.tenantId());

        mvc.perform(post("/admin/users")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("name", "")
                        .param("email", "nora(at)example")
                        .param("password", "short"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"name-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"email-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"password-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"roles-error\"")))
                .andExpect(content().string(Matchers.containsString("Choose at least one role.")));
        mvc.perform(post("/admin/users")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("name", "Copy")
                        .param("email", workspace.marketer().getEmail())
                        .param("roles", "MARKETER")
                        .param("password", "initial-password"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(Matchers.containsString("Someone in this workspace already has this e-mail address.")));
        mvc.perform(post("/admin/users")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("name", "Hacker")
                        .param("email", TestWorkspaces.uniqueEmail("hacker"))
                        .param("roles", "SUPERUSER")
                        .param("password", "initial-password"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"roles-error\"")));

        assertThat(owner.count("select count(*) from account where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(before);
    }

    @Test
    void anotherWorkspacesAdminLearnsNothingAboutAnAddressThatHasAnAccountElsewhere() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();

        // The address has an account in my workspace; their admin adds it like any other address.
        mvc.perform(post("/admin/users")
                        .with(csrf())
                        .with(user(theirs.admin()))
                        .param("name", "Mara Twice")
                        .param("email", mine.marketer().getEmail().toUpperCase())
                        .param("roles", "SALES_REP")
                        .param("password", "initial-password"))
                .andExpect(redirectedUrl("/admin/users"));

        assertThat(owner.count(
                        "select count(*) from account where tenant_id = ? and lower(email) = lower(?)",
                        theirs.tenantId(),
                        mine.marketer().getEmail()))
                .isOne();
        assertThat(owner.count(
                        "select count(*) from account where tenant_id = ? and lower(email) = lower(?)",
                        mine.tenantId(),
                        mine.marketer().getEmail()))
                .isOne();
    }

    @Test
    void aCommonPasswordIsRefusedAtTheFieldAndAddsNoOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = TestWorkspaces.uniqueEmail("nora");

        for (String password : new String[] {"password1234", "QWERTY123456", "1qaz2wsx3edc"}) {
            mvc.perform(post("/admin/users")
                            .with(csrf())
                            .with(user(workspace.admin()))
                            .param("name", "Nora Nurture")
                            .param("email", email)
                            .param("roles", "MARKETER")
                            .param("password", password))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(Matchers.containsString("id=\"password-error\"")))
                    .andExpect(content().string(Matchers.containsString("one of the most common ones")))
                    .andExpect(content().string(Matchers.containsString("value=\"" + email + "\"")));
        }

        assertThat(owner.count("select count(*) from account where email = ?", email))
                .isZero();
    }

    @Test
    void anAdminChangesRolesAndAStaleFormIsRefused() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        long version = version(rep);

        mvc.perform(post("/admin/users/{id}/roles", rep.accountId())
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("roles", "SALES_REP", "LIAISON")
                        .param("version", Long.toString(version)))
                .andExpect(redirectedUrl("/admin/users/" + rep.accountId()));
        assertThat(roles(rep)).isEqualTo("SALES_REP,LIAISON");

        // A second admin still holding the old page:
        mvc.perform(post("/admin/users/{id}/roles", rep.accountId())
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("roles", "MARKETER")
                        .param("version", Long.toString(version)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Someone else changed this person")));
        assertThat(roles(rep)).isEqualTo("SALES_REP,LIAISON");
    }

    @Test
    void theLastAdminCannotBeDemotedOrDeactivatedAndNoAdminDeactivatesThemself() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount admin = workspace.admin();

        mvc.perform(post("/admin/users/{id}/roles", admin.accountId())
                        .with(csrf())
                        .with(user(admin))
                        .param("roles", "MARKETER")
                        .param("version", Long.toString(version(admin))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("needs at least one active admin")));
        assertThat(roles(admin)).isEqualTo("ADMIN");

        mvc.perform(post("/admin/users/{id}/deactivate", admin.accountId())
                        .with(csrf())
                        .with(user(admin))
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/admin/users/" + admin.accountId()))
                .andExpect(flash().attribute("flashError", "account.selfDeactivation"));
        assertThat(active(admin)).isTrue();

        // With a second admin, the first may step down; the second then is the last one.
        SignedInAccount second = workspace.liaison();
        mvc.perform(post("/admin/users/{id}/roles", second.accountId())
                        .with(csrf())
                        .with(user(admin))
                        .param("roles", "LIAISON", "ADMIN")
                        .param("version", Long.toString(version(second))))
                .andExpect(redirectedUrl("/admin/users/" + second.accountId()));
        mvc.perform(post("/admin/users/{id}/roles", admin.accountId())
                        .with(csrf())
                        .with(user(admin))
                        .param("roles", "MARKETER")
                        .param("version", Long.toString(version(admin))))
                .andExpect(redirectedUrl("/admin/users/" + admin.accountId()));
        SignedInAccount secondAsAdmin = workspaces.reload(second.getEmail());
        mvc.perform(post("/admin/users/{id}/deactivate", admin.accountId())
                        .with(csrf())
                        .with(user(secondAsAdmin))
                        .param("confirmed", "true"))
                .andExpect(flash().attribute("flashSuccess", "people.deactivated"));
        mvc.perform(post("/admin/users/{id}/roles", second.accountId())
                        .with(csrf())
                        .with(user(secondAsAdmin))
                        .param("roles", "LIAISON")
                        .param("version", Long.toString(version(second))))
                .andExpect(content().string(Matchers.containsString("needs at least one active admin")));
        assertThat(roles(second)).isEqualTo("ADMIN,LIAISON");
    }

    @Test
    void deactivatingAskForConfirmationFirstAndDeactivatedPeopleCanBeReactivated() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount marketer = workspace.marketer();

        // First the question (the page's script asks in a dialog; without JavaScript a page asks): nothing changes.
        mvc.perform(get("/admin/users/{id}", marketer.accountId()).with(user(workspace.admin())))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "data-confirm=\"Deactivate " + marketer.getDisplayName() + "?")))
                .andExpect(content().string(Matchers.containsString("/js/confirm.js")));
        mvc.perform(post("/admin/users/{id}/deactivate", marketer.accountId())
                        .with(csrf())
                        .with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"confirm-deactivate\"")));
        assertThat(active(marketer)).isTrue();

        mvc.perform(post("/admin/users/{id}/deactivate", marketer.accountId())
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("confirmed", "true"))
                .andExpect(flash().attribute("flashSuccess", "people.deactivated"));
        assertThat(active(marketer)).isFalse();
        mvc.perform(get("/admin/users/{id}", marketer.accountId()).with(user(workspace.admin())))
                .andExpect(content().string(Matchers.containsString("id=\"reactivate\"")));

        mvc.perform(post("/admin/users/{id}/reactivate", marketer.accountId())
                        .with(csrf())
                        .with(user(workspace.admin())))
                .andExpect(flash().attribute("flashSuccess", "people.reactivated"));
        assertThat(active(marketer)).isTrue();
    }

    @Test
    void anotherWorkspacesPeopleAnswer404AndStayUnchanged() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        SignedInAccount victim = theirs.admin();
        long victimVersion = version(victim);

        mvc.perform(get("/admin/users/{id}", victim.accountId()).with(user(mine.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/users/{id}/roles", victim.accountId())
                        .with(csrf())
                        .with(user(mine.admin()))
                        .param("roles", "MARKETER")
                        .param("version", Long.toString(victimVersion)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/users/{id}/deactivate", victim.accountId())
                        .with(csrf())
                        .with(user(mine.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/users/{id}/deactivate", victim.accountId())
                        .with(csrf())
                        .with(user(mine.admin()))
                        .param("confirmed", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/users/{id}/reactivate", victim.accountId())
                        .with(csrf())
                        .with(user(mine.admin())))
                .andExpect(status().isNotFound());

        // The same answer as for an id that does not exist at all.
        mvc.perform(get("/admin/users/{id}", Long.MAX_VALUE).with(user(mine.admin())))
                .andExpect(status().isNotFound());

        assertThat(roles(victim)).isEqualTo("ADMIN");
        assertThat(active(victim)).isTrue();
        assertThat(version(victim)).isEqualTo(victimVersion);
    }
}
