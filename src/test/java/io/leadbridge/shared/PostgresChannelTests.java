package io.leadbridge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A channel of its own on the test database, listened to as the application's pool user: what is notified arrives;
 * when PostgreSQL ends the listening connection ({@code pg_terminate_backend}, as an administrator or a failover would)
 * the listener says it is off, connects again and says it listens again, and what is notified then arrives; a stop ends
 * its thread and its connection.
 */
@IntegrationTest
class PostgresChannelTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OwnerDatabase owner;

    /** Short enough that the connection's name, {@code leadbridge listen <channel>}, fits PostgreSQL's 63 bytes. */
    private final String name =
            "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private PostgresChannel channel;

    @BeforeEach
    void listen() {
        channel = new PostgresChannel(
                name, dataSource, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1), new Receiver());
        channel.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("listening"));
    }

    @AfterEach
    void stop() {
        channel.stop();
    }

    private final class Receiver implements PostgresChannel.Receiver {
        @Override
        public void received(String payload) {
            heard.add("received " + payload);
        }

        @Override
        public void listening(boolean again) {
            heard.add(again ? "listening again" : "listening");
        }

        @Override
        public void off() {
            heard.add("off");
        }

        @Override
        public void answered(long askedNanos) {
            answers.incrementAndGet();
        }
    }

    private long listeningConnections() {
        return owner.count(
                "select count(*) from pg_stat_activity where application_name = ?", "leadbridge listen " + name);
    }

    @Test
    void aNotificationArrivesAndTheConnectionIsCheckedWhileIdle() {
        channel.send(jdbc, "hello");

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("received hello"));
        await().atMost(Duration.ofSeconds(5)).until(() -> answers.get() > 0);
        assertThat(heard).containsExactly("listening", "received hello");
        assertThat(listeningConnections()).isEqualTo(1);
    }

    @Test
    void aTerminatedConnectionIsMadeAgainAndSaysSoOffThenListening() {
        assertThat(owner.jdbc()
                        .sql("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                                + " where application_name = ?")
                        .param("leadbridge listen " + name)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("listening again"));
        assertThat(heard.subList(0, heard.indexOf("listening again")))
                .startsWith("listening", "off")
                .containsOnly("listening", "off");

        channel.send(jdbc, "after the break");
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("received after the break"));
        assertThat(listeningConnections()).isEqualTo(1);
    }

    @Test
    void aStopEndsTheThreadAndTheConnection() {
        assertThat(channel.threadAlive()).isTrue();

        channel.stop();

        assertThat(channel.threadAlive()).isFalse();
        assertThat(channel.isRunning()).isFalse();
        assertThat(heard).endsWith("off");
        await().atMost(Duration.ofSeconds(5)).until(() -> listeningConnections() == 0);
    }
}
