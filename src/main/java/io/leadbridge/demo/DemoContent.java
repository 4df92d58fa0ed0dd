package io.leadbridge.demo;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The demo workspace's content, seeded into a given workspace and its people: the leads ({@link DemoLeads}), the
 * agreed criteria (version 2, with sales' version 3 still open) and funnel, the handoffs, disputes and comments
 * ({@link DemoHandoffs}) and this quarter's goal. {@link DemoWorkspace} seeds it into the workspace {@code acme} under
 * the {@code demo} profile; browser tests seed it into workspaces of their own, so that what they change never changes
 * the shared demo workspace.
 */
@Component
public class DemoContent {

    private final AccountManagement accounts;
    private final DemoLeads leads;
    private final DemoHandoffs handoffs;
    private final CriteriaManagement criteria;
    private final AgreementManagement agreements;
    private final FunnelManagement funnel;
    private final GoalManagement goals;

    DemoContent(
            AccountManagement accounts,
            DemoLeads leads,
            DemoHandoffs handoffs,
            CriteriaManagement criteria,
            AgreementManagement agreements,
            FunnelManagement funnel,
            GoalManagement goals) {
        this.accounts = accounts;
        this.leads = leads;
        this.handoffs = handoffs;
        this.criteria = criteria;
        this.agreements = agreements;
        this.funnel = funnel;
        this.goals = goals;
    }

    /** The people of the demo, by their account ids in the workspace to seed. */
    public record People(long admin, long mia, long max, long sam, long sara, long lia) {}

    /** Seeds the demo's content into the workspace {@code tenantId}, whose people are {@code people}. */
    public void seed(UUID tenantId, People people) {
        CurrentTenant.runAs(tenantId, () -> {
            leads.seed(List.of(people.mia(), people.max()), List.of(people.sam(), people.sara()));
            SignedInAccount mia = accounts.onBehalfOf(people.mia());
            SignedInAccount sam = accounts.onBehalfOf(people.sam());
            agreeOnCriteria(mia, sam);
            agreeOnFunnel(mia, sam);
            handoffs.seed(
                    mia,
                    accounts.onBehalfOf(people.max()),
                    sam,
                    accounts.onBehalfOf(people.sara()),
                    accounts.onBehalfOf(people.lia()));
            shareAGoal(accounts.onBehalfOf(people.admin()));
        });
    }

    /** Version 2 proposed by Mia (marketing) and approved by Sam (sales); version 3 from sales still open. */
    private void agreeOnCriteria(SignedInAccount mia, SignedInAccount sam) {
        long v2 = criteria.propose(
                        dach(Mode.NICE, Horizon.THIS_YEAR),
                        "Our robots pay off in mid-sized plants and warehouses; DACH first, where our service team is.",
                        mia)
                .agreement()
                .id();
        agreements.approve(Kind.CRITERIA, v2, "Matches what we close. Agreed in the pipeline review.", sam);
        criteria.propose(
                dach(Mode.REQUIRED, Horizon.THIS_QUARTER),
                "Half of last month's handoffs had no project yet. We want a planned project and buying this quarter.",
                sam);
    }

    /** Version 2 of the funnel: both sides' promises written down, proposed by Mia and approved by Sam. */
    private void agreeOnFunnel(SignedInAccount mia, SignedInAccount sam) {
        Funnel current = funnel.active().funnel();
        long v2 = funnel.propose(
                        new Funnel(current.stages(), current.escalationHours(), 6, 40),
                        "We promise 40 qualified leads a month; sales promises a decision within 24 business hours,"
                                + " and nobody gets more than 6 round-robin leads a day.",
                        mia)
                .agreement()
                .id();
        agreements.approve(Kind.FUNNEL, v2, "Agreed. We will hold each other to it.", sam);
    }

    /** This quarter's goal, set so that the revenue won so far is about half of it. */
    private void shareAGoal(SignedInAccount admin) {
        LocalDate today = goals.today();
        goals.set(PeriodKind.QUARTER, today, BigDecimal.ONE, BigDecimal.valueOf(30_000), 40, admin);
        BigDecimal won = goals.current().map(s -> s.won()).orElse(BigDecimal.ZERO);
        BigDecimal target = won.signum() == 0
                ? BigDecimal.valueOf(250_000)
                : won.multiply(BigDecimal.valueOf(2))
                        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.UP)
                        .multiply(BigDecimal.valueOf(10_000));
        goals.set(PeriodKind.QUARTER, today, target, BigDecimal.valueOf(30_000), 40, admin);
    }

    /** Mid-sized manufacturing, logistics and energy companies, DACH preferred. */
    private static Criteria dach(Mode projectPlanned, Horizon buyingBy) {
        return new Criteria(
                50,
                2000,
                Mode.REQUIRED,
                List.of("MANUFACTURING", "LOGISTICS", "ENERGY"),
                Mode.REQUIRED,
                List.of(),
                Mode.OFF,
                List.of("DE", "AT", "CH"),
                Mode.NICE,
                40,
                Mode.NICE,
                projectPlanned,
                Mode.NICE,
                buyingBy,
                Mode.REQUIRED);
    }
}
