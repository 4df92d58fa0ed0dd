package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The webhooks' client connects only to the addresses the SSRF guard checked: the guard's look-up is the client's
 * (host names here exist only in the test's own look-up, so a client resolving on its own would not find them).
 */
class GuardedPostTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aHostNameIsResolvedByTheGuardAndReachedAtTheAddressItChecked() throws Exception {
        AddressGuard guard = new AddressGuard(
                List.of("127.0.0.1"),
                host -> host.equals("hooks.crm.test")
                        ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                        : fail(host));
        try (Receiver receiver = new Receiver(204);
                GuardedPost client = new GuardedPost(guard, TIMEOUT, TIMEOUT, 2)) {
            int status = client.post(
                            URI.create(receiver.url("hooks.crm.test")), Map.of("webhook-id", "msg_1"), "{\"a\":1}")
                    .join();

            assertThat(status).isEqualTo(204);
            assertThat(receiver.requests()).singleElement().satisfies(request -> {
                assertThat(request.header("host")).startsWith("hooks.crm.test:");
                assertThat(request.header("webhook-id")).isEqualTo("msg_1");
                assertThat(request.header("content-type")).startsWith("application/json");
                assertThat(request.body()).isEqualTo("{\"a\":1}");
            });
        }
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterTheCheckIsRefusedAndNothingIsSent() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // First answer public (the registration's and the attempt's check pass), then loopback: DNS rebinding.
        AddressGuard guard = new AddressGuard(
                List.of(),
                host -> lookups.incrementAndGet() == 1
                        ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})
                        }
                        : new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        try (Receiver receiver = new Receiver(204);
                GuardedPost client = new GuardedPost(guard, TIMEOUT, TIMEOUT, 2)) {
            URI url = URI.create(receiver.url("rebinding.attacker.test"));
            assertThat(guard.check(url)).isNull();

            Throwable failure = client.post(url, Map.of(), "{}")
                    .handle((status, error) -> error)
                    .join();

            assertThat(GuardedPost.refusal(failure)).isEqualTo(AddressGuard.Refusal.PRIVATE);
            assertThat(receiver.requests()).isEmpty();
            assertThat(lookups).hasValue(2);
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsCutOffAndReportedAsTimedOut() throws Exception {
        AddressGuard guard = new AddressGuard(List.of("127.0.0.1"));
        Duration short_ = Duration.ofMillis(300);
        try (Receiver receiver = new Receiver(204).after(Duration.ofSeconds(5));
                GuardedPost client = new GuardedPost(guard, short_, short_, 2)) {
            long started = System.nanoTime();
            Throwable failure = client.post(URI.create(receiver.url()), Map.of(), "{}")
                    .handle((status, error) -> error)
                    .join();

            assertThat(failure).isNotNull();
            assertThat(GuardedPost.describe(failure, 300)).isEqualTo("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    private static InetAddress[] fail(String host) throws UnknownHostException {
        throw new UnknownHostException(host);
    }
}
