package io.leadbridge.demo;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.AccountManagement.NewPerson;
import io.leadbridge.account.AccountManagement.SignUp;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.demo.DemoContent.People;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantManagement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds "Acme Robotics GmbH" (slug {@code acme}) with one person of each role, all with the password {@value
 * #PASSWORD}, and the demo's content ({@link DemoContent}), on a database that does not have it yet. Runs only under
 * the {@code demo} profile: the profile is asked at start, not by a {@code @Profile} on the bean, since with Spring AOT
 * the set of beans is fixed when the application is built (docs/adr/0033).
 */
@Component
class DemoWorkspace implements ApplicationRunner {

    static final String SLUG = "acme";
    static final String PASSWORD = "demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

    private final TenantManagement tenants;
    private final AccountManagement accounts;
    private final DemoContent content;
    private final Environment environment;

    DemoWorkspace(TenantManagement tenants, AccountManagement accounts, DemoContent content, Environment environment) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.content = content;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!environment.matchesProfiles("demo")) {
            return;
        }
        if (tenants.slugTaken(SLUG)) {
            log.info("Demo workspace '{}' exists already; nothing seeded", SLUG);
            return;
        }
        SignedInAccount admin = accounts.signUp(
                new SignUp("Acme Robotics GmbH", "Alex Admin", "admin@acme.example", PASSWORD, Locale.ENGLISH), SLUG);
        UUID tenantId = admin.tenantId();
        People people = CurrentTenant.callAs(
                tenantId,
                () -> new People(
                        admin.accountId(),
                        person("Mia Marketing", "mia@acme.example", Role.MARKETER),
                        person("Max Marketing", "max@acme.example", Role.MARKETER),
                        person("Sam Sales", "sam@acme.example", Role.SALES_REP),
                        person("Sara Sales", "sara@acme.example", Role.SALES_REP),
                        person("Lia Liaison", "lia@acme.example", Role.LIAISON)));
        content.seed(tenantId, people);
        log.info("Seeded demo workspace '{}': sign in as admin@acme.example with password {}", SLUG, PASSWORD);
    }

    private long person(String name, String email, Role role) {
        return accounts.create(new NewPerson(name, email, Set.of(role), PASSWORD))
                .id();
    }
}
