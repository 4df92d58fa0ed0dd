package io.leadbridge.dispute;

import static io.leadbridge.support.Texts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The limits of marketing's dispute form and the liaison's decision form: each answers 422 with the message at its
 * field and the text kept, and writes nothing.
 */
@IntegrationTest
class DisputeFormTests {

    static final String ARGUMENT = "They signed a letter of intent yesterday; the project starts this quarter.";

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    TestHandoffs given;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    long disputes(long leadId) {
        return owner.count("select count(*) from dispute where lead_id = ?", leadId);
    }

    @Test
    void anArgumentOfMoreThan4000CharactersComesBackAtTheFieldAndNothingIsDisputed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        String tooLong = text("Too long an argument", 4001);

        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", tooLong)
                        .param("version", Long.toString(lead.version()))
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"argument\".*Please keep the argument under 4,000 characters\\..*")))
                .andExpect(content().string(Matchers.containsString(">" + tooLong + "</textarea>")));
        assertThat(disputes(lead.id())).isZero();
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(Stage.REJECTED);

        String longest = text("Just long enough an argument", 4000);
        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", longest)
                        .param("version", Long.toString(lead.version()))
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.opened"));
        assertThat(owner.count("select count(*) from dispute where lead_id = ? and length(argument) = 4000", lead.id()))
                .isEqualTo(1);
    }

    @Test
    void anArgumentWithAControlCharacterComesBackAtTheFieldAndNothingIsDisputed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);

        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", "They signed a letter of intent \u0007 yesterday, the project starts now.")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Please remove the control characters")))
                .andExpect(content().string(Matchers.containsString("They signed a letter of intent")));
        assertThat(disputes(lead.id())).isZero();
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(Stage.REJECTED);
    }

    @Test
    void aRationaleOfMoreThan4000CharactersComesBackAtTheFieldAndTheDisputeStaysOpen() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, workspace.marketer()));
        String tooLong = text("Too long a rationale", 4001);

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "UPHOLD")
                        .param("rationale", tooLong)
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"rationale\".*Please keep the rationale under 4,000 characters\\..*")))
                .andExpect(content().string(Matchers.containsString(">" + tooLong + "</textarea>")))
                .andExpect(content().string(Matchers.matchesPattern("(?s).*value=\"UPHOLD\"[^>]*checked.*")));
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'OPEN' and rationale is null",
                        dispute.id()))
                .isEqualTo(1);
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(Stage.IN_DISPUTE);

        String longest = text("Just long enough a rationale", 4000);
        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "UPHOLD")
                        .param("rationale", longest)
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.upheld"));
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'UPHELD' and length(rationale) = 4000",
                        dispute.id()))
                .isEqualTo(1);
    }

    @Test
    void aRationaleWithAControlCharacterOrAnUnknownOutcomeComesBackAtItsField() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, workspace.marketer()));

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "OVERTURN")
                        .param("rationale", "The letter \u001b of intent makes the timing now.")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"rationale\".*Please remove the control characters.*")));
        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "MAYBE")
                        .param("rationale", "The letter of intent makes the timing now.")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Choose whether to uphold or overturn")))
                .andExpect(content().string(Matchers.containsString(">The letter of intent makes the timing now.<")));
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'OPEN' and decided_by is null",
                        dispute.id()))
                .isEqualTo(1);
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'AWAITING'", lead.id()))
                .isZero();
    }

    @Test
    void someoneWhoMayNotDecideIsToldWhyWhateverTheFormHolds() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        SignedInAccount marketingLiaison =
                in(workspace, () -> workspaces.add("Lena Both", Role.MARKETER, Role.LIAISON));
        DisputeView dispute = in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, marketingLiaison));

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("rationale", "")
                        .with(user(marketingLiaison))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "dispute.acted.DISPUTED"));
        assertThat(owner.count("select count(*) from dispute where id = ? and status = 'OPEN'", dispute.id()))
                .isEqualTo(1);
    }
}
