package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.sql.Connection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.callback.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.OperationResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The start-up steps around the role the pool logs in as: its password, and the refusal of a role RLS does not bind. */
@IntegrationTest
class ApplicationRoleTests {

    @Autowired
    OwnerDatabase owner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Test
    void theApplicationsOwnRoleStartsTheApplication() {
        assertThatCode(() -> new ApplicationRoleCheck(jdbc).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void aPoolLoggedInAsTheOwnerStopsTheStartAndSaysWhichSettingIsWhich() {
        String ownerName =
                owner.jdbc().sql("select current_user").query(String.class).single();

        assertThatThrownBy(() -> new ApplicationRoleCheck(owner.jdbc()).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log in as " + ownerName + ", which is a superuser")
                .hasMessageContaining("spring.datasource.username")
                .hasMessageContaining("spring.flyway.user");
    }

    @Test
    void aPoolLoggedInAsAMemberOfTheOwnerStopsTheStart() {
        withRole("LOGIN PASSWORD 'member-test'", role -> {
            String ownerName =
                    owner.jdbc().sql("select current_user").query(String.class).single();
            owner.jdbc().sql("grant \"" + ownerName + "\" to " + role).update();
            JdbcClient asMember = JdbcClient.create(
                    new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), role, "member-test"));

            assertThatThrownBy(() -> new ApplicationRoleCheck(asMember).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is a member of a superuser or BYPASSRLS role");
        });
    }

    @Test
    void theConfiguredPasswordIsSetOnTheRoleAsAHashAndQuotedWhateverItHolds() {
        withRole("LOGIN", role -> {
            new ApplicationRolePassword(role, "it's a \"secret\"; drop table tenant; --")
                    .handle(Event.AFTER_MIGRATE, afterMigrate());

            assertThat(storedPassword(role)).startsWith("SCRAM-SHA-256$");
            assertThat(owner.count("select count(*) from tenant")).isNotNegative();
        });
    }

    @Test
    void noPasswordConfiguredLeavesTheRoleAlone() {
        withRole("LOGIN", role -> {
            ApplicationRolePassword none = new ApplicationRolePassword(role, "");

            assertThat(none.supports(Event.AFTER_MIGRATE, afterMigrate())).isFalse();
            assertThat(new ApplicationRolePassword(role, "x").supports(Event.BEFORE_MIGRATE, afterMigrate()))
                    .isFalse();
        });
    }

    @Test
    void aRoleThatBypassesRowLevelSecurityNeverGetsThePassword() {
        withRole("LOGIN BYPASSRLS", role -> {
            new ApplicationRolePassword(role, "whatever").handle(Event.AFTER_MIGRATE, afterMigrate());

            assertThat(storedPassword(role)).isNull();
        });
    }

    private void withRole(String attributes, Consumer<String> test) {
        String role = "leadbridge_role_test_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        owner.jdbc().sql("create role " + role + " " + attributes).update();
        try {
            test.accept(role);
        } finally {
            owner.jdbc().sql("drop role " + role).update();
        }
    }

    private String storedPassword(String role) {
        return owner.jdbc()
                .sql("select rolpassword from pg_authid where rolname = ?")
                .param(role)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private String jdbcUrl() {
        return owner.jdbc()
                .sql("select 1")
                .query((rs, n) ->
                        rs.getStatement().getConnection().getMetaData().getURL())
                .single();
    }

    private Context afterMigrate() {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return flyway.getConfiguration();
            }

            @Override
            public Connection getConnection() {
                throw new UnsupportedOperationException("the step opens a connection of its own");
            }

            @Override
            public MigrationInfo getMigrationInfo() {
                return null;
            }

            @Override
            public Statement getStatement() {
                return null;
            }

            @Override
            public OperationResult getOperationResult() {
                return null;
            }
        };
    }
}
