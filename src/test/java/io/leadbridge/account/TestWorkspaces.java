package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.AccountManagement.NewPerson;
import io.leadbridge.account.AccountManagement.SignUp;
import io.leadbridge.tenant.CurrentTenant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Makes a workspace of its own for a test: an admin and one person of each team role, all with {@link #PASSWORD}. */
@TestComponent
public class TestWorkspaces {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AccountManagement accounts;
    private final LoginAccounts logins;

    TestWorkspaces(AccountManagement accounts, LoginAccounts logins) {
        this.accounts = accounts;
        this.logins = logins;
    }

    public record TestWorkspace(UUID tenantId, String name, Map<Role, SignedInAccount> people) {

        public SignedInAccount admin() {
            return people.get(Role.ADMIN);
        }

        public SignedInAccount marketer() {
            return people.get(Role.MARKETER);
        }

        public SignedInAccount salesRep() {
            return people.get(Role.SALES_REP);
        }

        public SignedInAccount liaison() {
            return people.get(Role.LIAISON);
        }

        public SignedInAccount as(Role role) {
            return people.get(role);
        }
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQUENCE.incrementAndGet()
                + "@test.example";
    }

    public TestWorkspace create() {
        String name = "Test Workspace " + UUID.randomUUID().toString().substring(0, 8);
        SignedInAccount admin =
                accounts.signUp(new SignUp(name, "Ada Admin", uniqueEmail("admin"), PASSWORD, Locale.ENGLISH));
        Map<Role, SignedInAccount> people = new EnumMap<>(Role.class);
        people.put(Role.ADMIN, reload(admin.getEmail()));
        CurrentTenant.runAs(admin.tenantId(), () -> {
            people.put(Role.MARKETER, add("Mara Marketer", Role.MARKETER));
            people.put(Role.SALES_REP, add("Sven Sales", Role.SALES_REP));
            people.put(Role.LIAISON, add("Lou Liaison", Role.LIAISON));
        });
        return new TestWorkspace(admin.tenantId(), name, people);
    }

    /** Adds a person to the workspace in scope. */
    public SignedInAccount add(String name, Role... roles) {
        Person person = accounts.create(
                new NewPerson(name, uniqueEmail(roles[0].name().toLowerCase(Locale.ROOT)), Set.of(roles), PASSWORD));
        return reload(person.email());
    }

    /** The sign-in form posted with this e-mail and password, from this client address. */
    public static MockHttpServletRequestBuilder signIn(String email, String password, String clientAddress) {
        return post("/login")
                .with(csrf())
                .param("username", email)
                .param("password", password)
                .with(request -> {
                    request.setRemoteAddr(clientAddress);
                    return request;
                });
    }

    /** The person as sign-in would find them now (current roles and state). */
    public SignedInAccount reload(String email) {
        List<SignedInAccount> found = logins.find(email, null);
        assertThat(found).as("accounts of " + email).hasSize(1);
        SignedInAccount account = found.get(0);
        account.eraseCredentials();
        return account;
    }
}
