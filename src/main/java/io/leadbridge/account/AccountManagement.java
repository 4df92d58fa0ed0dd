package io.leadbridge.account;

import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantManagement;
import io.leadbridge.tenant.Workspace;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Signs workspaces up and manages their people. Everything but sign-up acts in the signed-in person's workspace. */
@Service
public class AccountManagement {

    private static final Logger log = LoggerFactory.getLogger(AccountManagement.class);

    private final AccountRepository accounts;
    private final Throttle throttle;
    private final TenantManagement tenants;
    private final PasswordEncoder passwordEncoder;
    private final Sessions sessions;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    AccountManagement(
            AccountRepository accounts,
            Throttle throttle,
            TenantManagement tenants,
            PasswordEncoder passwordEncoder,
            Sessions sessions,
            PlatformTransactionManager transactionManager,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.throttle = throttle;
        this.tenants = tenants;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public record SignUp(String workspaceName, String name, String email, String password, Locale locale) {}

    public record NewPerson(String name, String email, Set<Role> roles, String password) {}

    /**
     * A sign-up from the web: throttled per client address ({@link Throttle.Scope#SIGN_UP_ADDRESS}) and logged. Whether
     * the e-mail address has an account in another workspace plays no part (an address may have one in several), so
     * signing up tells nobody whether it has.
     */
    public SignedInAccount signUpFrom(String clientAddress, SignUp command) {
        Throttle.Attempt attempt =
                throttle.reserve(Throttle.Scope.SIGN_UP_ADDRESS, ClientAddresses.subject(clientAddress));
        if (attempt.refused()) {
            log.warn(
                    "Sign-up refused: too many from {} (wait {} s)",
                    clientAddress,
                    attempt.waitFor().toSeconds());
            throw Refusal.refused("account.signUp.throttled");
        }
        SignedInAccount admin = signUp(command);
        log.info("Sign-up from {}: workspace {} opened", clientAddress, admin.tenantId());
        return admin;
    }

    /** Opens a workspace with its first admin, and returns that admin ready to be signed in. */
    public SignedInAccount signUp(SignUp command) {
        return signUp(command, null);
    }

    /** Sign-up with a chosen slug (used where the workspace's address is known, as for the demo workspace). */
    public SignedInAccount signUp(SignUp command, String preferredSlug) {
        UUID tenantId = UUID.randomUUID();
        String locale =
                command.locale() != null && command.locale().getLanguage().equals("de") ? "de" : "en";
        return CurrentTenant.callAs(
                tenantId,
                () -> transaction.execute(status -> {
                    Workspace workspace = tenants.open(tenantId, command.workspaceName(), preferredSlug, locale);
                    Account admin = accounts.save(new Account(
                            command.email(),
                            command.name(),
                            passwordEncoder.encode(command.password()),
                            Set.of(Role.ADMIN)));
                    return signedIn(admin, workspace.name());
                }));
    }

    @Transactional(readOnly = true)
    public List<Person> people() {
        // Plain SQL, the tenant named, the person's columns only (not the password hash): the lead list's owner filter
        // and the liaison's desk ask on every view, and Hibernate 7 translates a JPQL query anew on every call while
        // the session's @TenantId filter is enabled (ADR 0031).
        return jdbc.sql("""
                        select id, email, display_name, roles, active, away, created_at, version from account
                        where tenant_id = ? order by lower(display_name), id
                        """)
                .param(CurrentTenant.require())
                .query((rs, row) -> {
                    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
                    for (Object role : (Object[]) rs.getArray("roles").getArray()) {
                        roles.add(Role.valueOf((String) role));
                    }
                    return new Person(
                            rs.getLong("id"),
                            rs.getString("email"),
                            rs.getString("display_name"),
                            roles,
                            rs.getBoolean("active"),
                            rs.getBoolean("away"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getLong("version"));
                })
                .list();
    }

    /** The workspace's active people who hold the role. */
    @Transactional(readOnly = true)
    public List<Person> activeWith(Role role) {
        return people().stream().filter(Person::active).filter(p -> p.has(role)).toList();
    }

    /**
     * Display names of the workspace's people with these ids. Plain SQL: the lead page asks on every view, and the
     * JPQL query's parameter binding and execution through Hibernate were about 6 % of the page's CPU samples.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> names(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, display_name from account where tenant_id = ? and id = any(?)")
                    .params(CurrentTenant.require(), ids.toArray(Long[]::new))
                    .query(rs -> {
                        names.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return names;
    }

    /**
     * The workspace's person as a signed-in principal, for work done on their behalf without a session (seeding the
     * demo workspace). Never exposed to a request.
     */
    @Transactional(readOnly = true)
    public SignedInAccount onBehalfOf(long id) {
        Account account = find(id);
        Person person = account.toPerson();
        return new SignedInAccount(
                person.id(),
                CurrentTenant.require(),
                tenants.current().map(w -> w.name()).orElse(""),
                person.email(),
                person.displayName(),
                person.roles(),
                person.active(),
                null);
    }

    /** Whether the workspace's person is away; one column, not the person (the rep's queue asks on every view). */
    @Transactional(readOnly = true)
    public boolean isAway(long id) {
        // Plain SQL, the tenant named: Hibernate 7 translates a JPQL query anew on every call while the session's
        // @TenantId filter is enabled (its plan cache skips sessions with enabled filters, ADR 0031).
        return jdbc.sql("select away from account where tenant_id = ? and id = ?")
                .params(CurrentTenant.require(), id)
                .query(Boolean.class)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public Person person(long id) {
        return find(id).toPerson();
    }

    /**
     * Adds a person to the workspace. Only the workspace's own people are compared: whether the address has an account
     * in another workspace is none of this workspace's business, and is never told.
     */
    @Transactional
    public Person create(NewPerson command) {
        if (accounts.existsByEmail(command.email().strip())) {
            throw Refusal.field("email", "account.email.taken");
        }
        try {
            Account account = accounts.save(new Account(
                    command.email(), command.name(), passwordEncoder.encode(command.password()), command.roles()));
            return account.toPerson();
        } catch (DataIntegrityViolationException e) {
            throw Refusal.field("email", "account.email.taken");
        }
    }

    @Transactional
    public Person changeRoles(long id, Set<Role> roles, long expectedVersion) {
        List<Long> admins = accounts.lockActiveAdmins();
        Account account = find(id);
        if (account.version() != expectedVersion) {
            throw Refusal.conflict("account.changedMeanwhile");
        }
        if (account.isActive() && account.isAdmin() && !roles.contains(Role.ADMIN) && admins.size() <= 1) {
            throw Refusal.refused("account.lastAdmin");
        }
        account.assignRoles(roles);
        accounts.save(account);
        endSessionsOf(id);
        return account.toPerson();
    }

    @Transactional
    public void deactivate(long id, long actingAccountId) {
        if (id == actingAccountId) {
            throw Refusal.refused("account.selfDeactivation");
        }
        List<Long> admins = accounts.lockActiveAdmins();
        Account account = find(id);
        if (account.isActive() && account.isAdmin() && admins.size() <= 1) {
            throw Refusal.refused("account.lastAdmin");
        }
        account.deactivate();
        endSessionsOf(id);
    }

    /** A person marks themselves away (or back): round-robin handoffs skip them while they are away. */
    @Transactional
    public Person markAway(long id, boolean away) {
        Account account = find(id);
        account.markAway(away);
        return account.toPerson();
    }

    @Transactional
    public void reactivate(long id) {
        find(id).reactivate();
    }

    private Account find(long id) {
        return accounts.findById(id).orElseThrow(NotFoundException::new);
    }

    /** A deactivated person, or one whose roles changed, signs in afresh. */
    private void endSessionsOf(long accountId) {
        sessions.endAllOf(CurrentTenant.require(), accountId);
    }

    private static SignedInAccount signedIn(Account account, String workspaceName) {
        Person person = account.toPerson();
        return new SignedInAccount(
                person.id(),
                CurrentTenant.require(),
                workspaceName,
                person.email(),
                person.displayName(),
                person.roles(),
                true,
                null);
    }
}
