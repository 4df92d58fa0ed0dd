package io.leadbridge.demo;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.AccountManagement.NewPerson;
import io.leadbridge.account.AccountManagement.SignUp;
import io.leadbridge.account.Role;
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
import io.leadbridge.tenant.TenantManagement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seeds "Acme Robotics GmbH" (slug {@code acme}) with one person of each role, all with the password {@value
 * #PASSWORD}, on a database that does not have it yet. Runs only under the {@code demo} profile.
 */
@Component
@Profile("demo")
class DemoWorkspace implements ApplicationRunner {

    static final String SLUG = "acme";
    static final String PASSWORD = "demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

    private final TenantManagement tenants;
    private final AccountManagement accounts;
    private final DemoLeads leads;
    private final CriteriaManagement criteria;
    private final AgreementManagement agreements;
    private final DemoHandoffs handoffs;
    private final GoalManagement goals;
    private final FunnelManagement funnel;

    DemoWorkspace(
            TenantManagement tenants,
            AccountManagement accounts,
            DemoLeads leads,
            CriteriaManagement criteria,
            AgreementManagement agreements,
            DemoHandoffs handoffs,
            GoalManagement goals,
            FunnelManagement funnel) {
        this.funnel = funnel;
        this.handoffs = handoffs;
        this.goals = goals;
        this.tenants = tenants;
        this.accounts = accounts;
        this.leads = leads;
        this.criteria = criteria;
        this.agreements = agreements;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenants.slugTaken(SLUG)) {
            log.info("Demo workspace '{}' exists already; nothing seeded", SLUG);
            return;
        }
        SignedInAccount admin = accounts.signUp(
                new SignUp("Acme Robotics GmbH", "Alex Admin", "admin@acme.example", PASSWORD, Locale.ENGLISH), SLUG);
        CurrentTenant.runAs(admin.tenantId(), () -> {
            long mia = person("Mia Marketing", "mia@acme.example", Role.MARKETER);
            long max = person("Max Marketing", "max@acme.example", Role.MARKETER);
            long sam = person("Sam Sales", "sam@acme.example", Role.SALES_REP);
            long sara = person("Sara Sales", "sara@acme.example", Role.SALES_REP);
            long lia = person("Lia Liaison", "lia@acme.example", Role.LIAISON);
            leads.seed(List.of(mia, max), List.of(sam, sara));
            agreeOnCriteria(accounts.onBehalfOf(mia), accounts.onBehalfOf(sam));
            agreeOnFunnel(accounts.onBehalfOf(mia), accounts.onBehalfOf(sam));
            handoffs.seed(
                    accounts.onBehalfOf(mia),
                    accounts.onBehalfOf(max),
                    accounts.onBehalfOf(sam),
                    accounts.onBehalfOf(sara),
                    accounts.onBehalfOf(lia));
            shareAGoal(accounts.onBehalfOf(admin.accountId()));
        });
        log.info("Seeded demo workspace '{}': sign in as admin@acme.example with password {}", SLUG, PASSWORD);
    }

    /** Version 2 proposed by Mia (marketing) and approved by Sam (sales); version 3 from sales still open. */
    private void agreeOnCriteria(SignedInAccount mia, SignedInAccount sam) {
        Criteria agreed = dach(Mode.NICE, Horizon.THIS_YEAR);
        long v2 = criteria.propose(
                        agreed,
                        "Our robots pay off in mid-sized plants and warehouses; DACH first, where our service team is.",
                        mia)
                .agreement()
                .id();
        agreements.approve(Kind.CRITERIA, v2, "Matches what we close. Agreed in the pipeline review.", sam);
        Criteria salesWants = dach(Mode.REQUIRED, Horizon.THIS_QUARTER);
        criteria.propose(
                salesWants,
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
                        .divide(BigDecimal.valueOf(10_000), 0, java.math.RoundingMode.UP)
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

    private long person(String name, String email, Role role) {
        return accounts.create(new NewPerson(name, email, Set.of(role), PASSWORD))
                .id();
    }
}
