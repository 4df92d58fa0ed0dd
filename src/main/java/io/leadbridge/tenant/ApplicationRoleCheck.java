package io.leadbridge.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the pool logs in as a role that PostgreSQL's row-level security does not bind: a superuser,
 * a role with {@code BYPASSRLS}, a role owning the tables (or a member of any of those, which could {@code SET ROLE}
 * to it). Typically the configuration of an older version, where {@code spring.datasource.username} was the owner.
 * Runs on a pooled connection once the migrations are done, before anything is served.
 */
@Component
@DependsOnDatabaseInitialization
class ApplicationRoleCheck implements InitializingBean {

    private final JdbcClient jdbc;

    ApplicationRoleCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        Map<String, Object> role = jdbc.sql("""
                        select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypasses,
                               exists (select 1 from pg_roles o
                                       where o.oid <> r.oid and (o.rolsuper or o.rolbypassrls)
                                         and pg_has_role(r.oid, o.oid, 'MEMBER')) as member_of_privileged,
                               exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                       where n.nspname = 'public'
                                         and pg_has_role(r.oid, c.relowner, 'MEMBER'))
                               or exists (select 1 from pg_database d
                                          where d.datname = current_database()
                                            and pg_has_role(r.oid, d.datdba, 'MEMBER')) as owner
                        from pg_roles r where r.rolname = session_user
                        """).query().singleRow();
        List<String> why = new ArrayList<>();
        if (is(role, "superuser")) {
            why.add("is a superuser"); // which is all of what follows, too
        } else {
            if (is(role, "bypasses")) {
                why.add("bypasses row-level security (BYPASSRLS)");
            }
            if (is(role, "member_of_privileged")) {
                why.add("is a member of a superuser or BYPASSRLS role");
            }
            if (is(role, "owner")) {
                why.add("owns (or is a member of the owner of) the database or its tables");
            }
        }
        if (!why.isEmpty()) {
            throw new IllegalStateException(("The application's connections log in as %s, which %s: PostgreSQL's"
                            + " row-level security would not separate the workspaces. spring.datasource.username"
                            + " (SPRING_DATASOURCE_USERNAME) is the application's own role, leadbridge_app; the owner"
                            + " that migrates goes in spring.flyway.user (SPRING_FLYWAY_USER). See"
                            + " docs/adr/0001-tenancy-with-row-level-security.md.")
                    .formatted(role.get("name"), String.join(", ", why)));
        }
    }

    private static boolean is(Map<String, Object> role, String attribute) {
        return Boolean.TRUE.equals(role.get(attribute));
    }
}
