package io.leadbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Scheduling is enabled once for the application, and every module's jobs are on the scheduler, each once. */
@IntegrationTest
class SchedulingTests {

    @Autowired
    ScheduledTaskHolder scheduler;

    @Test
    void everyModulesJobIsScheduledOnce() {
        List<String> jobs = scheduler.getScheduledTasks().stream()
                .map(task -> task.getTask().getRunnable().toString())
                .toList();
        assertThat(jobs)
                .doesNotHaveDuplicates()
                .contains(
                        "io.leadbridge.tenant.KeptCountFolds.fold",
                        "io.leadbridge.tenant.OldRowsHousekeeping.forget",
                        "io.leadbridge.lead.ImportRecovery.requeueChecks",
                        "io.leadbridge.lead.ImportRecovery.forgetStaleFiles",
                        "io.leadbridge.lead.LeadSearchIndexing.startRound",
                        "io.leadbridge.handoff.SlaWatch.sweep",
                        "io.leadbridge.webhook.WebhookSender.sendDue",
                        "io.leadbridge.privacy.RetentionJob.sweep");
    }
}
