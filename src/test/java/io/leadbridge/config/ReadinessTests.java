package io.leadbridge.config;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Readiness (what the load balancer asks on the public port) stays UP with a backlog of event publications, and turns
 * DOWN when more than leadbridge.events.max-stale (1,000) have been pending longer than leadbridge.events.stale-after
 * (10 minutes): the listeners keep failing.
 */
@IntegrationTest
class ReadinessTests {

    static final String LISTENER = "readiness-test-listener";

    @Autowired
    MockMvc mvc;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    EventPublicationsBacklog backlog;

    @AfterEach
    void removeThePublications() {
        owner.jdbc()
                .sql("delete from event_publication where listener_id = ?")
                .param(LISTENER)
                .update();
        backlog.forget();
    }

    @Test
    void aBacklogOfRecentPublicationsKeepsTheInstanceReady() throws Exception {
        publications(5_000, "1 minute");
        publications(1_000, "1 hour");
        backlog.forget();

        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"status\": \"UP\"}"));
    }

    @Test
    void moreStalePublicationsThanAllowedMakeTheInstanceNotReady() throws Exception {
        publications(1_001, "1 hour");
        backlog.forget();

        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"status\": \"DOWN\"}"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());

        removeThePublications();
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    /** Incomplete publications of no workspace (so the resubmission leaves them alone), published {@code ago}. */
    private void publications(int count, String ago) {
        owner.jdbc().sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                            status, completion_attempts)
                        select gen_random_uuid(), ?, 'io.leadbridge.NoSuchEvent', '{}',
                            now() - cast(? as interval), 'FAILED', 1
                        from generate_series(1, ?)
                        """).params(LISTENER, ago, count).update();
    }
}
