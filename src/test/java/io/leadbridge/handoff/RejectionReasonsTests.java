package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin keeps the workspace's rejection reasons: adds their own, switches reasons off and on, decides which need
 * a comment, orders them. Sales chooses from exactly the active ones; past rejections keep their label.
 */
@IntegrationTest
class RejectionReasonsTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    OwnerDatabase database;

    @Autowired
    MockMvc mvc;

    @Test
    void anOwnReasonIsOfferedToSalesUsedInARejectionAndKeepsItsLabelWhenSwitchedOff() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(post("/admin/rejection-reasons")
                        .param("label", "  Competitor   customer ")
                        .param("commentRequired", "true")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String code = database.jdbc()
                .sql("select code from rejection_reason where tenant_id = ? and label = 'Competitor customer'")
                .param(workspace.tenantId())
                .query(String.class)
                .single();
        assertThat(code).isEqualTo("CUSTOM_1");

        LeadView lead = given.handedOff(workspace);
        mvc.perform(get("/sales/queue/{id}/reject", lead.id())
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep())))
                .andExpect(content().string(containsString("value=\"CUSTOM_1\"")))
                .andExpect(content().string(containsString("Competitor customer")));
        // It needs a comment, as the admin said.
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", code)
                        .param("comment", "")
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("This reason needs a comment")));
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", code)
                        .param("comment", "Buys from the competition, contract until 2028.")
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Rejected (Competitor customer)")));

        // Switched off: no longer offered, but the rejected lead still names it.
        mvc.perform(post("/admin/rejection-reasons/{code}", code)
                        .param("label", "Competitor customer")
                        .param("commentRequired", "true")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        LeadView another = given.handedOff(workspace);
        mvc.perform(get("/sales/queue/{id}/reject", another.id())
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep())))
                .andExpect(content().string(containsString("data-lead=\"" + another.id())))
                .andExpect(content().string(containsString("value=\"NO_BUDGET\"")))
                .andExpect(content().string(not(containsString("value=\"CUSTOM_1\""))));
        mvc.perform(post("/leads/{id}/reject", another.id())
                        .param("reason", code)
                        .param("comment", "Trying the switched-off reason.")
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/leads/{id}", lead.id()).with(user(workspace.marketer())))
                .andExpect(content().string(containsString("Competitor customer")));
    }

    @Test
    void badLabelsAndSwitchingOffTheLastReasonAreRefusedAtTheFieldAndChangeNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        for (String label : List.of("", "ab", "x".repeat(81), "no budget")) {
            mvc.perform(post("/admin/rejection-reasons")
                            .param("label", label)
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(containsString("is-invalid")))
                    .andExpect(content()
                            .string(containsString(
                                    label.equals("no budget")
                                            ? "There is a reason with this label already."
                                            : "Give the reason a label of 3 to 80 characters.")));
        }
        assertThat(database.count(
                        "select count(*) from rejection_reason where tenant_id = ? and label is not null",
                        workspace.tenantId()))
                .isZero();

        List<String> codes = database.jdbc()
                .sql("select code from rejection_reason where tenant_id = ? order by position")
                .param(workspace.tenantId())
                .query(String.class)
                .list();
        for (String code : codes.subList(1, codes.size())) {
            mvc.perform(post("/admin/rejection-reasons/{code}", code)
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/admin/rejection-reasons/{code}", codes.get(0))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Sales needs at least one reason")));
        assertThat(database.count(
                        "select count(*) from rejection_reason where tenant_id = ? and active", workspace.tenantId()))
                .isEqualTo(1);
        assertThat(CurrentTenant.callAs(workspace.tenantId(), decisions::reasons))
                .extracting(RejectionReason::code)
                .containsExactly(codes.get(0));
    }

    @Test
    void theOrderIsTheAdminsAndAnotherWorkspacesReasonIsNotFound() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        mvc.perform(post("/admin/rejection-reasons")
                        .param("label", "Student project")
                        .with(user(theirs.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(post("/admin/rejection-reasons/{code}/move", "NO_BUDGET")
                        .param("up", "true")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        List<String> order = CurrentTenant.callAs(workspace.tenantId(), decisions::reasons).stream()
                .map(RejectionReason::code)
                .toList();
        assertThat(order.indexOf("NO_BUDGET")).isEqualTo(order.indexOf("NO_INTEREST") - 1);

        // The other workspace's own reason does not exist here: not found, and nothing changes there.
        mvc.perform(post("/admin/rejection-reasons/{code}", "CUSTOM_1")
                        .param("label", "Hijacked")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/rejection-reasons/{code}/move", "CUSTOM_1")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/rejection-reasons").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Student project"))));
        assertThat(database.jdbc()
                        .sql("select label from rejection_reason where tenant_id = ? and code = 'CUSTOM_1' and active")
                        .param(theirs.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo("Student project");
    }
}
