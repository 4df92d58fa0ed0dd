package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadbridge.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction declared read-only is read-only in PostgreSQL too, although the connection is acquired lazily (then
 * Spring cannot mark it): the dialect says so in the statement that sets the workspace.
 */
@IntegrationTest
class ReadOnlyTransactionTests {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReadOnlyTransactionIsReadOnlyInTheDatabaseAndKeepsItsWorkspace() {
        UUID workspace = UUID.randomUUID();
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);

        CurrentTenant.runAs(
                workspace,
                () -> readOnly.executeWithoutResult(status -> {
                    assertThat(setting("transaction_read_only")).isEqualTo("on");
                    assertThat(setting("app.tenant_id")).isEqualTo(workspace.toString());
                    assertThatThrownBy(() -> jdbc.sql("update tenant set name = name where id = ?")
                                    .param(workspace)
                                    .update())
                            .isInstanceOf(DataAccessException.class)
                            .hasMessageContaining("read-only transaction");
                }));
    }

    @Test
    void anOrdinaryTransactionMayWrite() {
        UUID workspace = UUID.randomUUID();
        TransactionTemplate readWrite = new TransactionTemplate(transactionManager);

        CurrentTenant.runAs(
                workspace,
                () -> readWrite.executeWithoutResult(status -> {
                    assertThat(setting("transaction_read_only")).isEqualTo("off");
                    assertThat(jdbc.sql("update tenant set name = name where id = ?")
                                    .param(workspace)
                                    .update())
                            .isZero();
                }));
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting(?)")
                .param(name)
                .query(String.class)
                .single();
    }
}
