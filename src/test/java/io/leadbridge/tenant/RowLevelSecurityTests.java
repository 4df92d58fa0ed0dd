package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class RowLevelSecurityTests {

    @Autowired
    OwnerDatabase owner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    io.leadbridge.lead.TestLeads leads;

    @Test
    void everyTenantOwnedTableForcesRowLevelSecurityWithAPolicyForReadsAndWrites() {
        List<Map<String, Object>> tables = owner.jdbc().sql("""
                        select c.relname as table_name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                               exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polcmd = '*'
                                       and p.polqual is not null and p.polwithcheck is not null) as has_policy
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('r', 'p')
                          and (c.relname = 'tenant' or exists (
                              select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                                and not a.attisdropped))
                        order by 1
                        """).query().listOfRows();

        assertThat(tables).extracting(row -> row.get("table_name")).contains("tenant", "account");
        assertThat(tables)
                .allSatisfy(row -> assertThat(row)
                        .as("row-level security on %s", row.get("table_name"))
                        .containsEntry("enabled", true)
                        .containsEntry("forced", true)
                        .containsEntry("has_policy", true));
    }

    @Test
    void everyTenantOwnedTablePolicyComparesTheTenantWithTheTransactionSetting() {
        List<String> policies = owner.jdbc().sql("""
                        select c.relname || ': ' || pg_get_expr(p.polqual, p.polrelid) || ' / '
                               || pg_get_expr(p.polwithcheck, p.polrelid)
                        from pg_policy p join pg_class c on c.oid = p.polrelid
                        """).query(String.class).list();

        assertThat(policies)
                .isNotEmpty()
                .allSatisfy(policy -> assertThat(policy).contains("current_tenant_id()"));
    }

    @Test
    void aLeadsEmailIsLookedUpThroughItsIndexUnderRowLevelSecurity() {
        TestWorkspaces.TestWorkspace workspace = workspaces.create();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        // As the application's role, with the policy in force: a function the index condition needs must be
        // leakproof, or PostgreSQL filters every lead of the workspace instead (seconds at a million leads).
        String plan = CurrentTenant.callAs(
                workspace.tenantId(),
                () -> transaction.execute(status -> {
                    jdbc.sql("set local enable_seqscan = off").update();
                    return String.join(
                            "\n",
                            jdbc.sql("explain select id from lead where tenant_id = ? and lower(email) = lower(?)")
                                    .params(workspace.tenantId(), "Jana@Example.com")
                                    .query(String.class)
                                    .list());
                }));
        assertThat(plan).contains("lead_email_key").contains("Index Cond");
    }

    @Test
    void theApplicationRunsAsARoleThatIsNeitherSuperuserNorOwner() {
        String role = jdbc.sql("select current_user").query(String.class).single();
        assertThat(role).isEqualTo("leadbridge_app");

        Map<String, Object> attributes = owner.jdbc()
                .sql("select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'leadbridge_app'")
                .query()
                .singleRow();
        assertThat(attributes)
                .containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false)
                .containsEntry("rolcanlogin", true);

        long ownedByApplication = owner.count("""
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and pg_get_userbyid(c.relowner) = 'leadbridge_app'
                """);
        assertThat(ownedByApplication).isZero();
        assertThat(owner.count("select count(*) from pg_tables where tableowner = 'leadbridge_app'"))
                .isZero();
        assertThat(owner.count("""
                        select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                        where n.nspname = 'public' and pg_get_userbyid(p.proowner) = 'leadbridge_app'
                        """))
                .as("functions owned by the application's role")
                .isZero();
        assertThat(owner.count("""
                        select count(*) from pg_database
                        where datname = current_database() and pg_get_userbyid(datdba) = 'leadbridge_app'
                        """)).isZero();
    }

    @Test
    void thePoolLogsInAsTheApplicationsRoleItselfSoThatNoStatementCanLeaveIt() throws SQLException {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        String ownerName =
                owner.jdbc().sql("select current_user").query(String.class).single();

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try {
                assertThat(users(statement)).isEqualTo("leadbridge_app/leadbridge_app");

                statement.execute("reset role");
                assertThat(users(statement)).as("after RESET ROLE").isEqualTo("leadbridge_app/leadbridge_app");
                statement.execute("reset session authorization");
                assertThat(users(statement))
                        .as("after RESET SESSION AUTHORIZATION")
                        .isEqualTo("leadbridge_app/leadbridge_app");
                assertThatThrownBy(() -> statement.execute("set role \"" + ownerName + "\""))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");

                // Row-level security binds this very connection: another workspace's rows stay hidden.
                connection.setAutoCommit(false);
                statement.execute("select set_config('app.tenant_id', '" + mine.tenantId() + "', true)");
                List<String> seen = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("select email from account")) {
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                }
                connection.rollback();
                connection.setAutoCommit(true);
                assertThat(seen)
                        .contains(mine.admin().getEmail())
                        .doesNotContain(theirs.admin().getEmail());
            } finally {
                // Whatever this test did to the connection, the pool closes it instead of handing it out again.
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        }
    }

    private static String users(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("select current_user || '/' || session_user")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void nativeSqlSeesOnlyTheCurrentTenantsRowsAndNoneWithoutATenant() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();

        List<String> seen = CurrentTenant.callAs(
                mine.tenantId(),
                () -> new TransactionTemplate(transactionManager)
                        .execute(s -> jdbc.sql("select email from account")
                                .query(String.class)
                                .list()));

        assertThat(seen)
                .contains(mine.admin().getEmail(), mine.marketer().getEmail())
                .doesNotContain(theirs.admin().getEmail(), theirs.marketer().getEmail());
        assertThat(owner.count("select count(*) from account where tenant_id = ?", theirs.tenantId()))
                .isEqualTo(4);

        // Outside any transaction no tenant is set: nothing at all.
        assertThat(jdbc.sql("select count(*) from account").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from tenant").query(Long.class).single())
                .isZero();
    }

    /**
     * The views the modules publish for each other (V28) run with the reader's rights: through them the application
     * sees only the current workspace's rows, exactly as on the tables, and it cannot write through them.
     */
    @Test
    void everyPublishedViewShowsOnlyTheCurrentWorkspaceAndIsReadOnly() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        List<Map<String, Object>> views = owner.jdbc().sql("""
                        select c.relname as view_name,
                               coalesce(array_to_string(c.reloptions, ','), '') as options,
                               has_table_privilege('leadbridge_app', c.oid, 'SELECT') as readable,
                               has_table_privilege('leadbridge_app', c.oid, 'INSERT, UPDATE, DELETE') as writable
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind = 'v'
                        order by 1
                        """).query().listOfRows();

        assertThat(views)
                .extracting(row -> row.get("view_name"))
                .contains("account_person", "lead_record", "handoff_record", "lead_qualification");
        assertThat(views)
                .allSatisfy(row -> assertThat(row)
                        .as("published view %s", row.get("view_name"))
                        .containsEntry("readable", true)
                        .containsEntry("writable", false)
                        .hasEntrySatisfying(
                                "options",
                                options -> assertThat((String) options).contains("security_invoker=true")));

        List<String> seen = CurrentTenant.callAs(
                mine.tenantId(),
                () -> new TransactionTemplate(transactionManager)
                        .execute(s -> jdbc.sql("select email from account_person")
                                .query(String.class)
                                .list()));
        assertThat(seen)
                .contains(mine.admin().getEmail())
                .doesNotContain(theirs.admin().getEmail(), theirs.marketer().getEmail());
        assertThat(jdbc.sql("select count(*) from account_person")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void nativeSqlCannotChangeOrCreateRowsOfAnotherTenant() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        Integer updated = CurrentTenant.callAs(
                mine.tenantId(),
                () -> transaction.execute(
                        s -> jdbc.sql("update account set display_name = 'hijacked' where tenant_id = ?")
                                .param(theirs.tenantId())
                                .update()));
        assertThat(updated).isZero();

        assertThatThrownBy(() -> CurrentTenant.runAs(
                        mine.tenantId(),
                        () -> transaction.executeWithoutResult(
                                s -> jdbc.sql("""
                                insert into account (tenant_id, email, display_name, password_hash, roles)
                                values (?, 'intruder@test.example', 'Intruder', 'x', '{ADMIN}')
                                """).param(theirs.tenantId()).update())))
                .rootCause()
                .hasMessageContaining("violates row-level security policy");

        assertThat(owner.count("select count(*) from account where display_name = 'hijacked'"))
                .isZero();
        assertThat(owner.count("select count(*) from account where email = 'intruder@test.example'"))
                .isZero();
    }

    @Test
    void theIndexedLeadSearchAnswersOnlyTheCurrentWorkspacesLeads() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        long myLead = leads.create(mine.marketer()).id();
        long theirLead = leads.create(theirs.marketer()).id();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        List<Long> found = CurrentTenant.callAs(
                mine.tenantId(),
                () -> transaction.execute(s -> jdbc.sql("select unnest(lead_search_ids('%becker%', 1000))")
                        .query(Long.class)
                        .list()));

        assertThat(found).contains(myLead).doesNotContain(theirLead);
        assertThat(jdbc.sql("select cardinality(lead_search_ids('%', 1000))")
                        .query(Integer.class)
                        .single())
                .as("no workspace, no leads")
                .isZero();
    }

    @Test
    void aTransactionWithoutATenantFailsLoudly() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> transaction.execute(
                        s -> jdbc.sql("select 1").query(Integer.class).single()))
                .hasRootCauseInstanceOf(CurrentTenant.MissingTenantException.class);
    }
}
