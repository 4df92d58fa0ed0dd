package io.leadbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every key of a workspace's data holds the workspace (ADR 0007): a table with a {@code tenant_id} has a primary key
 * that begins with it, and each of its unique constraints, unique indexes and foreign keys includes it. That is what
 * lets a distributed PostgreSQL (Citus) spread the tables by {@code tenant_id} and keep one workspace's rows, and the
 * checks between them, on one node. Read from the migrated database's catalog, so a new table or key is checked the
 * day it is written.
 */
@IntegrationTest
class TenantKeyShapeTests {

    /**
     * The tables without a {@code tenant_id}, each with the reason. Anything else without one fails the build: a
     * workspace's data that cannot be placed by its workspace.
     */
    static final Map<String, String> NOT_WORKSPACE_DATA = Map.of(
            "tenant", "the workspaces themselves: distributed by their id, which is every other table's tenant_id",
            "throttle", "the sign-in throttle, counted per address and e-mail before any workspace is known",
            "trusted_browser", "a browser's second-factor token, looked up by its hash before a workspace is known",
            "event_publication", "Spring Modulith's registry of the application's own events, not a workspace's data",
            "spring_session", "a browser's session, found by its cookie before anyone in it has signed in",
            "spring_session_attributes", "what a browser's session holds, with its session",
            "flyway_schema_history", "the schema's migrations");

    @Autowired
    OwnerDatabase database;

    @Test
    void everyTableEitherBelongsToAWorkspaceOrIsListedWithTheReason() {
        List<String> withoutTenant =
                database.jdbc().sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('r', 'p')
                          and not exists (select 1 from pg_attribute a where a.attrelid = c.oid
                                          and a.attname = 'tenant_id' and not a.attisdropped)
                        order by 1
                        """).query(String.class).list();

        assertThat(withoutTenant).containsExactlyInAnyOrderElementsOf(NOT_WORKSPACE_DATA.keySet());
    }

    @Test
    void everyWorkspaceTableHasAPrimaryKeyThatBeginsWithTheWorkspace() {
        List<String> wrong = violations("""
                        select t.relname || ': ' || coalesce(pg_get_constraintdef(p.oid), 'no primary key')
                        from tenant_tables t left join pg_constraint p on p.conrelid = t.oid and p.contype = 'p'
                        where p.oid is null or p.conkey[1] <> t.tenant_column
                        order by 1
                        """);

        assertThat(wrong).as("primary keys that do not begin with tenant_id").isEmpty();
    }

    @Test
    void everyUniqueConstraintAndUniqueIndexOfAWorkspaceTableIncludesTheWorkspace() {
        List<String> wrong = violations("""
                        select t.relname || ': ' || pg_get_indexdef(i.indexrelid)
                        from tenant_tables t join pg_index i on i.indrelid = t.oid
                        where i.indisunique and not (t.tenant_column = any (i.indkey::smallint[]))
                        order by 1
                        """);

        assertThat(wrong).as("unique keys without tenant_id").isEmpty();
    }

    @Test
    void everyForeignKeyOfAWorkspaceTableCarriesTheWorkspaceToWhatItReferences() {
        // Both ends hold the workspace: the referencing columns include tenant_id, and the referenced key includes the
        // referenced table's tenant_id (or is the workspace's own id), at the same place.
        List<String> wrong = violations("""
                        select t.relname || ': ' || f.conname || ' ' || pg_get_constraintdef(f.oid)
                        from tenant_tables t join pg_constraint f on f.conrelid = t.oid and f.contype = 'f'
                        where not exists (
                            select 1 from generate_subscripts(f.conkey, 1) k
                            join pg_attribute r on r.attrelid = f.confrelid and r.attnum = f.confkey[k]
                            where f.conkey[k] = t.tenant_column
                              and (r.attname = 'tenant_id' or f.confrelid = 'tenant'::regclass))
                        order by 1
                        """);

        assertThat(wrong).as("foreign keys that do not carry tenant_id").isEmpty();
    }

    @Test
    void theChecksSeeTheWorkspaceTablesAndTheirKeys() {
        // The checks above pass on an empty catalog too; this one fails if they look at nothing.
        Map<String, Object> seen =
                database.jdbc().sql(TENANT_TABLES + """
                        select count(*) as tables,
                               (select count(*) from pg_constraint f join tenant_tables t on f.conrelid = t.oid
                                where f.contype = 'f') as foreign_keys,
                               (select count(*) from pg_index i join tenant_tables t on i.indrelid = t.oid
                                where i.indisunique and not i.indisprimary) as unique_keys
                        from tenant_tables
                        """).query().singleRow();

        assertThat(((Number) seen.get("tables")).intValue()).isGreaterThanOrEqualTo(20);
        assertThat(((Number) seen.get("foreign_keys")).intValue()).isGreaterThanOrEqualTo(40);
        assertThat(((Number) seen.get("unique_keys")).intValue()).isGreaterThanOrEqualTo(8);
    }

    /** What {@code query} finds, one line each; it may name {@code tenant_tables}. */
    private List<String> violations(String query) {
        return database.jdbc().sql(TENANT_TABLES + query).query(String.class).list();
    }

    /** The tables of the public schema with a tenant_id, and that column's number. */
    static final String TENANT_TABLES = """
            with tenant_tables as (
                select c.oid, c.relname, a.attnum as tenant_column
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                where n.nspname = 'public' and c.relkind in ('r', 'p'))
            """;
}
