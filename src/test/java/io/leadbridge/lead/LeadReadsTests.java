package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lead page's one-statement SQL read ({@link LeadManagement#leadToShow}) gives the view the entity gives ({@link
 * LeadManagement#lead}), every value of it: both go through {@link StoredLead#view}, and this holds their reads of the
 * row to the same values.
 */
@IntegrationTest
class LeadReadsTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement management;

    @Autowired
    OwnerDatabase owner;

    @Test
    void theLeadPagesReadGivesTheViewTheEntityGivesWithEveryValueSet() {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        input.setPhone("+49 30 1234567");
        input.setJobTitle("Head of Automation");
        input.setWebsite("https://becker.example");
        input.setDepartment("Operations");
        input.setExternalId("crm-4711");
        input.setLegalBasis(LegalBasis.CONSENT);
        input.setConsentText("Yes, call me about automation.");
        input.setConsentGivenAt(Instant.parse("2026-11-02T10:15:30Z"));
        LeadView created = leads.create(workspace.marketer(), input);
        SignedInAccount rep = workspace.salesRep();
        owner.jdbc()
                .sql("update lead set owner_id = ?, deal_value = 12500.50, re_engaged_at = now() where id = ?")
                .params(rep.accountId(), created.id())
                .update();

        LeadView shown = CurrentTenant.callAs(workspace.tenantId(), () -> management.leadToShow(created.id()));
        LeadView entity = CurrentTenant.callAs(workspace.tenantId(), () -> management.lead(created.id()));

        assertThat(shown).usingRecursiveComparison().isEqualTo(entity);
        assertThat(shown.data()).hasNoNullFieldsOrPropertiesExcept("confirmErased");
        assertThat(shown)
                .hasNoNullFieldsOrProperties()
                .extracting(LeadView::displayName, LeadView::ownerName, LeadView::createdByName)
                .containsExactly(
                        "Jana Becker",
                        rep.getDisplayName(),
                        workspace.marketer().getDisplayName());
    }

    @Test
    void aLeadWithoutANameIsShownByItsEmailAddressEitherWay() {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        input.setFirstName(null);
        input.setLastName(null);
        LeadView created = leads.create(workspace.marketer(), input);

        LeadView shown = CurrentTenant.callAs(workspace.tenantId(), () -> management.leadToShow(created.id()));
        LeadView entity = CurrentTenant.callAs(workspace.tenantId(), () -> management.lead(created.id()));

        assertThat(shown.displayName()).isEqualTo(input.getEmail()).isEqualTo(entity.displayName());
        assertThat(shown).usingRecursiveComparison().isEqualTo(entity);
    }
}
