package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.UUID;
import java.util.function.BiFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A lead's workspace and industry and an evaluation's criteria version are no longer foreign keys but checks made once
 * per statement (V53, ADR 0034). What the foreign keys guaranteed still holds, in both directions, whoever writes: no
 * lead or evaluation names a parent that does not exist — in a statement of many rows too, where nothing of the
 * statement is written — and no parent that one names can be deleted or given another key. Written as the owner, whom
 * row-level security does not bind, so only these checks stand in the way.
 */
@IntegrationTest
class SharedParentChecksTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    TestWorkspace workspace;

    @BeforeEach
    void workspace() {
        workspace = workspaces.create();
    }

    private void insertLeads(UUID tenant, String... industries) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < industries.length; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("('")
                    .append(tenant)
                    .append("', '")
                    .append(TestWorkspaces.uniqueEmail("parent" + i))
                    .append("', 'Parent GmbH', ")
                    .append(industries[i] == null ? "null" : "'" + industries[i] + "'")
                    .append(")");
        }
        owner.jdbc()
                .sql("insert into lead (tenant_id, email, company_name, industry) values " + values)
                .update();
    }

    private long leads() {
        return owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId());
    }

    @Test
    void aLeadNamesAnExistingWorkspaceAndAnIndustryOfItsOwn() {
        insertLeads(workspace.tenantId(), "MANUFACTURING", null, "MANUFACTURING");
        assertThat(leads()).isEqualTo(3);

        // One unknown industry among many rows: the whole statement is refused.
        assertRefusedBy(
                "lead_industry_fk", () -> insertLeads(workspace.tenantId(), "MANUFACTURING", "NO_SUCH_INDUSTRY", null));
        // Another workspace's industry code is not this workspace's.
        TestWorkspace other = workspaces.create();
        owner.jdbc()
                .sql("insert into industry (tenant_id, code, position) values (?, 'ONLY_THERE', 99)")
                .param(other.tenantId())
                .update();
        assertRefusedBy("lead_industry_fk", () -> insertLeads(workspace.tenantId(), "ONLY_THERE"));
        assertRefusedBy("lead_tenant_id_fkey", () -> insertLeads(UUID.randomUUID(), (String) null));
        assertThat(leads()).isEqualTo(3);

        // An edit to an unknown industry is refused; to a known one, or none, it is not.
        assertRefusedBy(
                "lead_industry_fk",
                () -> owner.jdbc()
                        .sql("update lead set industry = 'NO_SUCH_INDUSTRY' where tenant_id = ?")
                        .param(workspace.tenantId())
                        .update());
        owner.jdbc()
                .sql("update lead set industry = null where tenant_id = ?")
                .param(workspace.tenantId())
                .update();
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and industry is null", workspace.tenantId()))
                .isEqualTo(3);
    }

    @Test
    void anIndustryOrAWorkspaceThatLeadsNameIsKept() {
        owner.jdbc()
                .sql("insert into industry (tenant_id, code, position) values (?, 'UNUSED', 98), (?, 'USED', 99)")
                .params(workspace.tenantId(), workspace.tenantId())
                .update();
        insertLeads(workspace.tenantId(), "USED");

        assertRefusedBy(
                "lead_industry_fk",
                () -> owner.jdbc()
                        .sql("delete from industry where tenant_id = ? and code = 'USED'")
                        .param(workspace.tenantId())
                        .update());
        assertRefusedBy(
                "lead_industry_fk",
                () -> owner.jdbc()
                        .sql("update industry set code = 'RENAMED' where tenant_id = ? and code = 'USED'")
                        .param(workspace.tenantId())
                        .update());
        assertThat(owner.jdbc()
                        .sql("delete from industry where tenant_id = ? and code = 'UNUSED'")
                        .param(workspace.tenantId())
                        .update())
                .isEqualTo(1);
        assertRefusedBy(
                "lead_tenant_id_fkey",
                () -> owner.jdbc()
                        .sql("delete from tenant where id = ?")
                        .param(workspace.tenantId())
                        .update());
        assertThat(owner.count(
                        "select count(*) from industry where tenant_id = ? and code = 'USED'", workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void anEvaluationNamesAVersionOfItsWorkspaceAndThatVersionIsKept() {
        insertLeads(workspace.tenantId(), "MANUFACTURING");
        long lead = owner.jdbc()
                .sql("select id from lead where tenant_id = ?")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        long version = owner.jdbc()
                .sql("select id from agreement_version where tenant_id = ? and kind = 'CRITERIA' and status = 'ACTIVE'")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        TestWorkspace other = workspaces.create();
        long othersVersion = owner.jdbc()
                .sql("select id from agreement_version where tenant_id = ? and kind = 'CRITERIA' and status = 'ACTIVE'")
                .param(other.tenantId())
                .query(Long.class)
                .single();
        String upsert = """
                insert into lead_evaluation (tenant_id, lead_id, version_id, qualified, score, met, evaluated_at)
                values (?, ?, ?, false, 0, '{}', now())
                on conflict (tenant_id, lead_id) do update set version_id = excluded.version_id
                """;

        assertRefusedBy(
                "lead_evaluation_version_fk",
                () -> owner.jdbc()
                        .sql(upsert)
                        .params(workspace.tenantId(), lead, othersVersion)
                        .update());
        owner.jdbc().sql(upsert).params(workspace.tenantId(), lead, version).update();
        // The same statement's update path (an evaluation written again) is checked too.
        assertRefusedBy(
                "lead_evaluation_version_fk",
                () -> owner.jdbc()
                        .sql(upsert)
                        .params(workspace.tenantId(), lead, othersVersion)
                        .update());
        assertRefusedBy(
                "lead_evaluation_version_fk",
                () -> owner.jdbc()
                        .sql("update lead_evaluation set version_id = ? where tenant_id = ?")
                        .params(othersVersion, workspace.tenantId())
                        .update());
        assertRefusedBy(
                "lead_evaluation_version_fk",
                () -> owner.jdbc()
                        .sql("delete from agreement_version where tenant_id = ? and id = ?")
                        .params(workspace.tenantId(), version)
                        .update());
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and version_id = ?",
                        workspace.tenantId(),
                        version))
                .isEqualTo(1);
    }

    @Test
    void aLeadNamesAccountsOfItsWorkspaceAndThoseAccountsAreKept() {
        long admin = workspace.admin().accountId();
        long salesRep = workspace.salesRep().accountId();
        long stranger = workspaces.create().admin().accountId();
        String insert = "insert into lead (tenant_id, email, company_name, created_by, owner_id) values "
                + "(?, ?, 'Creator GmbH', ?, ?), (?, ?, 'Creator GmbH', ?, ?), (?, ?, 'Creator GmbH', null, null)";
        BiFunction<Long, Long, Integer> insertThree = (creator, ownerId) -> owner.jdbc()
                .sql(insert)
                .params(
                        workspace.tenantId(),
                        TestWorkspaces.uniqueEmail("creator"),
                        admin,
                        salesRep,
                        workspace.tenantId(),
                        TestWorkspaces.uniqueEmail("creator"),
                        creator,
                        ownerId,
                        workspace.tenantId(),
                        TestWorkspaces.uniqueEmail("creator"))
                .update();

        assertThat(insertThree.apply(salesRep, null)).isEqualTo(3);
        // Another workspace's account, or none that exists, among many rows: the whole statement is refused.
        assertRefusedBy("lead_created_by_fk", () -> insertThree.apply(stranger, null));
        assertRefusedBy("lead_owner_fk", () -> insertThree.apply(admin, stranger));
        assertRefusedBy("lead_owner_fk", () -> insertThree.apply(null, -1L));
        assertThat(leads()).isEqualTo(3);

        // An assignment to another workspace's account is refused, as is a creator changed to one; to an account of
        // the workspace, or to nobody, it is not.
        assertRefusedBy(
                "lead_owner_fk",
                () -> owner.jdbc()
                        .sql("update lead set owner_id = ? where tenant_id = ?")
                        .params(stranger, workspace.tenantId())
                        .update());
        assertRefusedBy(
                "lead_created_by_fk",
                () -> owner.jdbc()
                        .sql("update lead set created_by = ? where tenant_id = ? and created_by is null")
                        .params(stranger, workspace.tenantId())
                        .update());
        assertThat(owner.jdbc()
                        .sql("update lead set owner_id = ? where tenant_id = ?")
                        .params(admin, workspace.tenantId())
                        .update())
                .isEqualTo(3);
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and owner_id = ?", workspace.tenantId(), admin))
                .isEqualTo(3);

        // An account that leads name (as owner, or only as creator) can be neither deleted nor given another key.
        assertRefusedBy(
                "lead_owner_fk",
                () -> owner.jdbc()
                        .sql("delete from account where tenant_id = ? and id = ?")
                        .params(workspace.tenantId(), admin)
                        .update());
        assertRefusedBy(
                "lead_created_by_fk",
                () -> owner.jdbc()
                        .sql("update account set id = -id where tenant_id = ? and id = ?")
                        .params(workspace.tenantId(), salesRep)
                        .update());
        assertThat(owner.count(
                        "select count(*) from account where tenant_id = ? and id in (?, ?)",
                        workspace.tenantId(),
                        admin,
                        salesRep))
                .isEqualTo(2);
    }

    /** The statement is refused by the database, naming the key whose guarantee it would break. */
    private static void assertRefusedBy(String constraint, ThrowingCallable statement) {
        assertThatThrownBy(statement)
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining(constraint);
    }
}
