package io.leadbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.ExtraInstances;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.RawHttp;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.LiveSignals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several instances of LeadBridge on one PostgreSQL, as behind a load balancer (issue 18): two more applications,
 * each with its own web server, on the tests' database. Whichever instance a request reaches, the person is signed in;
 * an instance restarted signs nobody out; what is pushed live on one reaches a stream on the other; the sign-in
 * throttle counts across both; a person's sessions ended on one end on the other.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstancesTests {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    Environment environment;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    private ExtraInstances instances;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @BeforeAll
    void startTwoInstances() {
        instances = new ExtraInstances(environment);
        first = instances.start();
        second = instances.start();
    }

    @AfterAll
    void stopThem() {
        instances.close();
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ExtraInstances.port(instance);
    }

    /** A new workspace, signed up on the first instance: its admin's session cookie. */
    private Workspace signUp(String from) {
        String email = "admin-" + UUID.randomUUID() + "@instances.example";
        RawHttp browser = RawHttp.from(from, port(first));
        RawHttp.Response signedUp = browser.postForm(
                "/signup",
                "/signup",
                Map.of(
                        "workspaceName",
                        "Instances " + UUID.randomUUID(),
                        "name",
                        "Ada Admin",
                        "email",
                        email,
                        "password",
                        PASSWORD));
        assertThat(signedUp.status()).isEqualTo(302);
        String session = signedUp.cookie("SESSION").orElseThrow();
        UUID tenant = owner.tenantOf(email);
        long admin = owner.jdbc()
                .sql("select id from account where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        return new Workspace(tenant, admin, email, "SESSION=" + session);
    }

    record Workspace(UUID tenant, long admin, String email, String cookie) {}

    private static RawHttp.Response get(
            ConfigurableApplicationContext instance, String from, String cookie, String path) {
        return RawHttp.from(from, port(instance)).header("Cookie", cookie).get(path);
    }

    @Test
    void aSignedInPersonIsServedByEitherInstanceAndStaysSignedInWhenOneRestarts() {
        Workspace workspace = signUp("127.0.0.71");

        assertThat(get(first, "127.0.0.71", workspace.cookie(), "/admin/users").body())
                .contains(workspace.email());
        assertThat(get(second, "127.0.0.71", workspace.cookie(), "/admin/users").body())
                .contains(workspace.email());

        first.close();
        first = instances.start();

        RawHttp.Response afterRestart = get(first, "127.0.0.71", workspace.cookie(), "/admin/users");
        assertThat(afterRestart.status()).isEqualTo(200);
        assertThat(afterRestart.body()).contains(workspace.email());
    }

    @Test
    void whatIsPushedLiveOnOneInstanceReachesAStreamOnTheOther() throws Exception {
        Workspace workspace = signUp("127.0.0.72");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port(second) + "/activity/stream"))
                        .header("Cookie", workspace.cookie())
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        AtomicReference<Stream<String>> body = new AtomicReference<>();
        CompletableFuture<Void> reading = stream.thenAcceptAsync(response -> {
            body.set(response.body());
            response.body().forEach(received::add);
        });
        try {
            // Connected: the stream's first comment, and the bell's count.
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("event:bell"));

            // On the first instance, in a transaction of the workspace: a signal to the admin.
            CurrentTenant.runAs(
                    workspace.tenant(),
                    () -> new TransactionTemplate(first.getBean(PlatformTransactionManager.class))
                            .executeWithoutResult(status -> first.getBean(LiveSignals.class)
                                    .signal("queue", Map.of(workspace.admin(), "7 waiting"))));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("event:queue"));
            assertThat(received).contains("data:7 waiting");
        } finally {
            // Closing the lines closes the connection: the instance sees its client leave.
            if (body.get() != null) {
                body.get().close();
            }
            reading.cancel(true);
        }
    }

    @Test
    void theSignInThrottleCountsTheAttemptsOnEveryInstance() {
        String email = "nobody-" + UUID.randomUUID() + "@instances.example";
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            ConfigurableApplicationContext instance = attempt % 2 == 0 ? second : first;
            RawHttp.Response answer = RawHttp.from("127.0.0.73", port(instance))
                    .postForm("/login", "/login", Map.of("username", email, "password", "guess number " + attempt));
            answers.add(answer.header("Location").orElse(""));
        }

        // Five failures are free, wherever they were made; the sixth waits, on either instance.
        assertThat(answers.subList(0, 5)).allMatch(location -> location.endsWith("/login?error"));
        assertThat(answers.get(5)).contains("/login?locked");
    }

    @Test
    void aPersonDeactivatedOnOneInstanceIsSignedOutOnTheOther() {
        Workspace workspace = signUp("127.0.0.74");
        String repEmail = "rep-" + UUID.randomUUID() + "@instances.example";
        RawHttp admin = RawHttp.from("127.0.0.74", port(first)).header("Cookie", workspace.cookie());
        RawHttp.Response created = admin.postForm(
                "/admin/users",
                "/admin/users/new",
                Map.of("name", "Rita Rep", "email", repEmail, "roles", "SALES_REP", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(302);
        long rep = owner.jdbc()
                .sql("select id from account where email = ?")
                .param(repEmail)
                .query(Long.class)
                .single();

        RawHttp repOnSecond = RawHttp.from("127.0.0.75", port(second)).signedInAs(repEmail, PASSWORD);
        assertThat(repOnSecond.get("/sales").status()).isEqualTo(200);

        RawHttp.Response deactivated = admin.postForm(
                "/admin/users/" + rep + "/deactivate", "/admin/users/" + rep, Map.of("confirmed", "true"));
        assertThat(deactivated.status()).isEqualTo(302);

        // The second instance may serve the session from its snapshot until the first's notification arrives (ADR
        // 0030: milliseconds; never longer than the snapshot's lifetime): then its next request signs out.
        AtomicReference<RawHttp.Response> refused = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            RawHttp.Response next = repOnSecond.get("/sales");
            refused.set(next);
            return next.status() != 200;
        });
        assertThat(refused.get().status()).isEqualTo(302);
        assertThat(refused.get().header("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(repOnSecond.get("/sales").header("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void anExportLongerThanTheResponseBufferStreamsWhileTheSessionIsWritten() {
        TestWorkspace workspace = workspaces.create();
        for (int i = 0; i < 150; i++) {
            leads.create(workspace.marketer());
        }
        RawHttp marketer = RawHttp.from("127.0.0.76", port(second))
                .signedInAs(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD);

        // The response is committed (and the session written) while the export's read-only transaction still runs.
        RawHttp.Response export = marketer.get("/leads/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().lines().count()).isEqualTo(151);
        assertThat(export.body().length()).isGreaterThan(8192);
        assertThat(marketer.get("/leads").status()).isEqualTo(200);
    }
}
