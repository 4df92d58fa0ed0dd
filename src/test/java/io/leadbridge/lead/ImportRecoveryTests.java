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

    /** An import marked running whose heartbeat stopped ten minutes ago: its instance is gone. */
    long runningImport(TestWorkspace workspace) {
        long id = storedImport(workspace, "RUNNING", "email\n");
        owner.jdbc()
                .sql("update lead_import set heartbeat_at = now() - interval '10 minutes' where id = ?")
                .param(id)
                .update();
        return id;
    }

    long storedImport(TestWorkspace workspace, String status, String content) {
        long id = owner.jdbc()
                .sql("""
                        insert into lead_import (tenant_id, file_name, mapping, header, status, created_by)
                        values (?, 'stopped.csv', '["email", "companyName"]'::jsonb, '["email", "companyName"]'::jsonb,
                            ?, ?) returning id
                        """)
                .params(workspace.tenantId(), status, workspace.marketer().accountId())
                .query(Long.class)
                .single();
        owner.jdbc()
                .sql("insert into lead_import_part (tenant_id, import_id, part, bytes) values (?, ?, 0, ?)")
                .params(workspace.tenantId(), id, content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .update();
        return id;
    }

    @Test
    void aCheckThatWasWaitingWhenTheApplicationStoppedIsDoneAfterTheStart() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long waiting = storedImport(
                workspace,
                "ANALYSING",
                "email,companyName\nw-" + java.util.UUID.randomUUID() + "@wait.example,Waiting GmbH\nnot-an-email,X\n");

        recovery.recover();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> owner.jdbc()
                        .sql("select status || '|' || rows_valid || '|' || rows_invalid from lead_import where id = ?")
                        .param(waiting)
                        .query(String.class)
                        .single()
                        .equals("PREVIEWED|1|1"));
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

    @Test
    void anImportWaitingInTheQueueOfALiveInstanceIsLeftAloneUntilItsHeartbeatStops() {
        TestWorkspace workspace = workspaces.create();
        long waiting = storedImport(workspace, "RUNNING", "email\n");
        owner.jdbc()
                .sql("update lead_import set heartbeat_at = now() where id = ?")
                .param(waiting)
                .update();

        recovery.requeueChecks();

        assertThat(owner.jdbc()
                        .sql("select status from lead_import where id = ?")
                        .param(waiting)
                        .query(String.class)
                        .single())
                .isEqualTo("RUNNING");

        // Its instance died: the heartbeat stopped two minutes ago and more.
        owner.jdbc()
                .sql("update lead_import set heartbeat_at = now() - interval '3 minutes' where id = ?")
                .param(waiting)
                .update();
        recovery.requeueChecks();

        assertThat(owner.jdbc()
                        .sql("select status || '|' || message from lead_import where id = ?")
                        .param(waiting)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED|import.interrupted");
    }

    @Test
    void aPreviewFromBeforeFilesWereDescribedIsReadAnewWithItsOwnDelimiterAndEncoding() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        long legacy = owner.jdbc()
                .sql("""
                        insert into lead_import (tenant_id, file_name, mapping, status, created_by)
                        values (?, 'old.csv', '["email", "companyName"]'::jsonb, 'ANALYSING', ?) returning id
                        """)
                .params(workspace.tenantId(), workspace.marketer().accountId())
                .query(Long.class)
                .single();
        owner.jdbc()
                .sql("insert into lead_import_part (tenant_id, import_id, part, bytes) values (?, ?, 0, ?)")
                .params(
                        workspace.tenantId(),
                        legacy,
                        ("E-Mail;Company\nold-" + run + "@legacy.example;Müller GmbH\n")
                                .getBytes(java.nio.charset.Charset.forName("windows-1252")))
                .update();

        recovery.recover();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> owner.jdbc()
                        .sql("""
                                select status || '|' || delimiter || '|' || encoding || '|' || rows_valid
                                from lead_import where id = ?
                                """)
                        .param(legacy)
                        .query(String.class)
                        .single()
                        .equals("PREVIEWED|;|windows-1252|1"));
    }

    @Test
    void anUnconfirmedPreviewIsClosedAfterADayAndTheFilesOfEndedImportsAreDeleted() {
        TestWorkspace workspace = workspaces.create();
        long stale = storedImport(workspace, "PREVIEWED", "email\n");
        long fresh = storedImport(workspace, "PREVIEWED", "email\n");
        long ended = storedImport(workspace, "DONE", "email\n");
        owner.jdbc()
                .sql("update lead_import set created_at = now() - interval '25 hours' where id = ?")
                .param(stale)
                .update();

        recovery.forgetStaleFiles();

        assertThat(owner.jdbc()
                        .sql("select status || '|' || coalesce(message, '') from lead_import where id = ?")
                        .param(stale)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED|import.expiredAfterADay");
        assertThat(owner.count("select count(*) from lead_import_part where import_id in (?, ?)", stale, ended))
                .isZero();
        assertThat(owner.count("select count(*) from lead_import_part where import_id = ?", fresh))
                .isOne();
    }
}
