package io.leadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Completed event publications do not pile up (docs/adr/0008): the housekeeping deletes those completed longer ago than
 * the registry keeps them (a week), and leaves the recent ones and every incomplete one.
 */
@IntegrationTest
class CompletedPublicationsHousekeepingTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    CompletedPublicationsHousekeeping housekeeping;

    long publications(long leadId, boolean completed) {
        return owner.count(
                "select count(*) from event_publication where cast(serialized_event as jsonb) ->> 'leadId' = ?"
                        + " and (completion_date is not null) = ?",
                Long.toString(leadId),
                completed);
    }

    @Test
    void publicationsCompletedMoreThanAWeekAgoAreDeletedAndTheRecentAndIncompleteOnesStay() {
        TestWorkspace workspace = workspaces.create();
        LeadView old = given.handedOff(workspace);
        LeadView recent = given.handedOff(workspace);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(publications(old.id(), true)).isPositive();
        long recentCompleted = publications(recent.id(), true);
        assertThat(recentCompleted).isPositive();
        // The first handoff's publications completed eight days ago.
        owner.jdbc()
                .sql("update event_publication set publication_date = now() - interval '8 days',"
                        + " completion_date = now() - interval '8 days'"
                        + " where cast(serialized_event as jsonb) ->> 'leadId' = ?")
                .param(Long.toString(old.id()))
                .update();
        // A publication of as long ago whose listener never succeeded (no workspace, so no resubmission picks it up).
        UUID stuck = UUID.randomUUID();
        owner.jdbc().sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                            status, completion_attempts)
                        values (?, 'housekeeping-test-listener', 'io.leadbridge.NoSuchEvent', ?,
                            now() - interval '8 days', 'FAILED', 1)
                        """).params(stuck, "{\"leadId\": " + old.id() + "}").update();
        try {
            housekeeping.deleteOldCompleted();

            assertThat(publications(old.id(), true)).isZero();
            assertThat(publications(old.id(), false))
                    .as("the incomplete one stays")
                    .isEqualTo(1);
            assertThat(publications(recent.id(), true)).isEqualTo(recentCompleted);
        } finally {
            owner.jdbc()
                    .sql("delete from event_publication where id = ?")
                    .param(stuck)
                    .update();
        }
    }
}
