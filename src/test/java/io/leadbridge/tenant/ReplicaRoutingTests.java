package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.ExtraInstances;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * With a read replica configured, the reads that may lag (the dashboards, the lead list, the export) go to it while it
 * serves, and everything else to the primary; when it is down they fall back to the primary and the pages answer as
 * ever. The replica here is the tests' own database reached through a pool of its own (a real streaming replica, with
 * its lag, is what {@code ops/cluster --replica} runs); what is checked is where each read goes.
 */
@IntegrationTest
class ReplicaRoutingTests {

    @Autowired
    Environment environment;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    io.leadbridge.support.OwnerDatabase owner;

    private ExtraInstances instances;

    @BeforeEach
    void instances() {
        instances = new ExtraInstances(environment);
    }

    @AfterEach
    void close() {
        instances.close();
    }

    private static double reads(ConfigurableApplicationContext instance, String target) {
        var counter = instance.getBean(MeterRegistry.class)
                .find("leadbridge.replica.reads")
                .tag("target", target)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void readsThatMayLagGoToTheReplicaAndTheRestToThePrimary() {
        ConfigurableApplicationContext instance = instances.start(
                "--leadbridge.replica.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--leadbridge.replica.require-standby=false");
        // The operator sees it serve before any read went there.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> instance.getBean(MeterRegistry.class)
                                .find("leadbridge.replica.usable")
                                .gauge()
                                .value()
                        == 1.0);
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        RawHttp marketer = RawHttp.from("127.0.0.81", ExtraInstances.port(instance))
                .signedInAs(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD);

        for (String page : java.util.List.of("/marketing", "/leads", "/leads/export")) {
            double before = reads(instance, "replica");
            RawHttp.Response answer = marketer.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(reads(instance, "replica"))
                    .as(page + " read the replica")
                    .isGreaterThan(before);
            if (!page.equals("/marketing")) {
                assertThat(answer.body()).contains(lead.data().getEmail());
            }
        }

        // The lead's own page shows what was just written: it reads the primary.
        double routed = reads(instance, "replica");
        assertThat(marketer.get("/leads/" + lead.id()).body())
                .contains(lead.data().getEmail());
        assertThat(reads(instance, "replica")).isEqualTo(routed);
        assertThat(reads(instance, "primary")).isZero();
    }

    @Test
    void whenTheReplicaIsDownThePagesReadThePrimary() {
        ConfigurableApplicationContext instance = instances.start(
                "--leadbridge.replica.url=jdbc:postgresql://127.0.0.1:1/leadbridge", // nothing listens there
                "--leadbridge.replica.require-standby=false");
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        RawHttp marketer = RawHttp.from("127.0.0.82", ExtraInstances.port(instance))
                .signedInAs(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD);

        assertThat(marketer.get("/marketing").status()).isEqualTo(200);
        assertThat(marketer.get("/leads").body()).contains(lead.data().getEmail());

        assertThat(instance.getBean(ReplicaHealth.class).usable()).isFalse();
        assertThat(reads(instance, "replica")).isZero();
        assertThat(reads(instance, "primary")).isEqualTo(2);
    }

    @Test
    void aReplicaConnectionThatDiesUnderARequestIsReadAgainFromThePrimary() {
        ConfigurableApplicationContext instance = instances.start(
                "--leadbridge.replica.url=" + environment.getRequiredProperty("spring.datasource.url")
                        + (environment
                                        .getRequiredProperty("spring.datasource.url")
                                        .contains("?")
                                ? "&"
                                : "?")
                        + "ApplicationName=leadbridge-replica",
                "--leadbridge.replica.require-standby=false");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> instance.getBean(ReplicaHealth.class).usable());
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        RawHttp marketer = RawHttp.from("127.0.0.83", ExtraInstances.port(instance))
                .signedInAs(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD);

        for (int round = 0; round < 5; round++) {
            assertThat(marketer.get("/leads").body()).contains(lead.data().getEmail());
            // The replica ends every connection of the pool (as a replica that stops does), and the next page comes.
            owner.jdbc()
                    .sql("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                            + " where application_name = 'leadbridge-replica'")
                    .query(Long.class)
                    .single();
            RawHttp.Response next = marketer.get("/leads");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).contains(lead.data().getEmail());
        }
    }

    @Test
    void withoutAReplicaNothingIsRouted() throws java.sql.SQLException {
        assertThat(environment.getProperty("leadbridge.replica.url")).isNull();
        // The beans are there whatever the setting (with Spring AOT the set of beans is fixed at build time, ADR 0033),
        // and idle: no replica, no routing data source, no replica meters.
        ConfigurableApplicationContext instance = instances.start();
        assertThat(instance.getBean(ReplicaHealth.class).configured()).isFalse();
        assertThat(instance.getBean(javax.sql.DataSource.class).isWrapperFor(ReplicaRouting.class))
                .isFalse();
        assertThat(instance.getBean(MeterRegistry.class)
                        .find("leadbridge.replica.usable")
                        .gauge())
                .isNull();
    }
}
