package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

@IntegrationTest
class ImportRecoveryTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    ImportRecovery recovery;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    JdbcConnectionDetails database;

    long runningImport(TestWorkspace workspace) {
        return owner.jdbc()
                .sql("""
                        insert into lead_import (tenant_id, file_name, content, mapping, status, created_by)
                        values (?, 'stopped.csv', ?, '[]'::jsonb, 'RUNNING', ?) returning id
                        """)
                .params(
                        workspace.tenantId(),
                        "email\n".getBytes(),
                        workspace.marketer().accountId())
                .query(Long.class)
                .single();
    }

    @Test
    void anImportInterruptedByAStopIsClosedAndOneStillRunningElsewhereIsLeftAlone() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long stopped = runningImport(workspace);
        long alive = runningImport(workspace);
        DataSource other = new SimpleDriverDataSource(
                new org.postgresql.Driver(), database.getJdbcUrl(), database.getUsername(), database.getPassword());
        try (Connection elsewhere = other.getConnection();
                Statement statement = elsewhere.createStatement()) {
            elsewhere.setAutoCommit(false);
            statement.execute("select pg_advisory_xact_lock(hashtextextended('lead_import:' || " + alive + ", 0))");

            recovery.recover();

            elsewhere.rollback();
        }

        assertThat(owner.jdbc()
                        .sql("select status || '|' || message from lead_import where id = ?")
                        .param(stopped)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED|import.interrupted");
        assertThat(owner.jdbc()
                        .sql("select status from lead_import where id = ?")
                        .param(alive)
                        .query(String.class)
                        .single())
                .isEqualTo("RUNNING");
        owner.jdbc()
                .sql("update lead_import set status = 'FAILED' where id = ?")
                .param(alive)
                .update();
    }
}
