package io.leadbridge.lead;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.support.Workspaces;
import io.leadbridge.tenant.CurrentTenant;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;

/** Leads for tests, created through the lead module as a marketer would. */
@TestComponent
public class TestLeads {

    private final LeadManagement leads;

    TestLeads(LeadManagement leads) {
        this.leads = leads;
    }

    public static LeadInput qualifiedLead() {
        LeadInput input = new LeadInput();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        input.setFirstName("Jana");
        input.setLastName("Becker");
        input.setEmail("jana.becker-" + suffix + "@becker.example");
        input.setCompanyName("Becker Maschinenbau " + suffix);
        input.setEmployees(240);
        input.setIndustry("MANUFACTURING");
        input.setCountry("DE");
        input.setSource("webinar");
        input.setCampaign("automation-2026-q4");
        input.setEngagementScore(62);
        input.setProjectPlanned(true);
        input.setBudgetConfirmed(false);
        input.setTimeline(PurchaseTimeline.THIS_QUARTER);
        return input;
    }

    /** A lead the criteria a new workspace starts with do not qualify: too few employees (50 to 5,000 are asked for). */
    public static LeadInput unqualifiedLead() {
        LeadInput input = qualifiedLead();
        input.setEmployees(5);
        return input;
    }

    /** A qualified lead with the given name (the e-mail and company made unique from it). */
    public static LeadInput qualifiedLead(String firstName, String lastName) {
        LeadInput input = qualifiedLead();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        input.setFirstName(firstName);
        input.setLastName(lastName);
        input.setEmail(firstName.toLowerCase(java.util.Locale.ROOT) + "-" + suffix + "@journey.example");
        input.setCompanyName(lastName + " Maschinenbau " + suffix);
        return input;
    }

    /**
     * A qualified lead with the given name, created by {@code marketer} in a browser test's workspace of its own
     * ({@link Workspaces}), through the given lead module (a browser test's context has no {@code TestLeads}).
     */
    public static LeadView create(
            LeadManagement leads,
            Workspaces.Workspace workspace,
            Workspaces.Member marketer,
            String firstName,
            String lastName) {
        LeadInput input = qualifiedLead(firstName, lastName);
        return CurrentTenant.callAs(
                workspace.tenantId(),
                () -> leads.create(input, null, Actor.person(marketer.id(), marketer.name()), Channel.FORM));
    }

    public LeadView create(SignedInAccount marketer, LeadInput input) {
        return CurrentTenant.callAs(
                marketer.tenantId(),
                () -> leads.create(
                        input, null, Actor.person(marketer.accountId(), marketer.getDisplayName()), Channel.FORM));
    }

    public LeadView create(SignedInAccount marketer) {
        return create(marketer, qualifiedLead());
    }

    /** {@code lead} edited by {@code marketer} to hold {@code input}, as the edit form saves it (from its version). */
    public LeadView edit(SignedInAccount marketer, LeadView lead, LeadInput input) {
        return CurrentTenant.callAs(
                marketer.tenantId(),
                () -> leads.edit(
                        lead.id(),
                        input,
                        lead.version(),
                        Actor.person(marketer.accountId(), marketer.getDisplayName())));
    }
}
