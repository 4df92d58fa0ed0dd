package io.leadbridge.support;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.AccountManagement.NewPerson;
import io.leadbridge.account.AccountManagement.SignUp;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.demo.DemoContent;
import io.leadbridge.tenant.CurrentTenant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;

/**
 * A workspace of a browser test's own, so that no test changes what another sees (the shared demo workspace
 * included): a unique name and the demo's people (Alex Admin, Mia and Max Marketing, Sam and Sara Sales, Lia Liaison),
 * each with a unique e-mail and the password {@link #PASSWORD}. {@link #withDemoContent()} adds the demo workspace's
 * content as well: its leads, agreed criteria and funnel, handoffs, disputes, comments and goal. Inject it into a
 * {@link BrowserTest}: {@code @Autowired Workspaces workspaces;}.
 */
@TestComponent
public class Workspaces {

    public static final String PASSWORD = "browser-test-password";

    private final AccountManagement accounts;
    private final DemoContent demo;

    Workspaces(AccountManagement accounts, DemoContent demo) {
        this.accounts = accounts;
        this.demo = demo;
    }

    /** Someone of the workspace: their account, the name the pages show and the e-mail they sign in with. */
    public record Member(long id, String name, String email) {}

    /** A workspace made for one test, and its people; everyone signs in with {@link #password()}. */
    public record Workspace(
            UUID tenantId, String name, Member admin, Member mia, Member max, Member sam, Member sara, Member lia) {

        public String password() {
            return PASSWORD;
        }
    }

    /** A new workspace with only its people: no leads, the criteria and funnel a new workspace starts with. */
    public Workspace create() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Acme Robotics " + run;
        String domain = "@acme-" + run + ".example";
        SignedInAccount admin =
                accounts.signUp(new SignUp(name, "Alex Admin", "admin" + domain, PASSWORD, Locale.ENGLISH));
        return CurrentTenant.callAs(
                admin.tenantId(),
                () -> new Workspace(
                        admin.tenantId(),
                        name,
                        new Member(admin.accountId(), admin.getDisplayName(), admin.getEmail()),
                        person("Mia Marketing", "mia" + domain, Role.MARKETER),
                        person("Max Marketing", "max" + domain, Role.MARKETER),
                        person("Sam Sales", "sam" + domain, Role.SALES_REP),
                        person("Sara Sales", "sara" + domain, Role.SALES_REP),
                        person("Lia Liaison", "lia" + domain, Role.LIAISON)));
    }

    /**
     * A new workspace with the demo workspace's content, seeded by the demo module's own code: what the demo workspace
     * holds when the application starts, but for this test alone.
     */
    public Workspace withDemoContent() {
        Workspace workspace = create();
        demo.seed(
                workspace.tenantId(),
                new DemoContent.People(
                        workspace.admin().id(),
                        workspace.mia().id(),
                        workspace.max().id(),
                        workspace.sam().id(),
                        workspace.sara().id(),
                        workspace.lia().id()));
        return workspace;
    }

    private Member person(String name, String email, Role role) {
        long id = accounts.create(new NewPerson(name, email, Set.of(role), PASSWORD))
                .id();
        return new Member(id, name, email);
    }
}
