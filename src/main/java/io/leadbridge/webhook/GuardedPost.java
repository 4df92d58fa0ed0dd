package io.leadbridge.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The webhooks' HTTP client: POSTs to a receiver and answers its status code, connecting only to addresses the
 * {@link AddressGuard} checked.
 *
 * <p>Apache HttpClient, not the JDK's, because it takes a {@link DnsResolver}: the client's one name look-up is the
 * guard's ({@link AddressGuard#resolve(String)}), which answers the addresses it has just checked and nothing else. A
 * host name whose DNS answer changes between the registration's check, the attempt's and the connection (DNS
 * rebinding) therefore cannot reach a private address, and TLS still verifies the host name. The JDK's client (Java 17)
 * resolves names itself and cannot be handed checked addresses without losing host name verification.
 *
 * <p>Bounded: at most {@code parallel} attempts at a time (the sender's batch), each on a thread of this client's
 * own; connections are not kept or reused; no redirect is followed, nothing retried by the client, no cookie kept,
 * no proxy of the system's used; the answer's body is never read (the status decides); an attempt that takes longer
 * than its connect and response timeouts together is cancelled, which closes its connection.
 */
final class GuardedPost implements AutoCloseable {

    private final CloseableHttpClient client;
    private final ThreadPoolExecutor threads;
    private final Duration limit;

    GuardedPost(AddressGuard guard, Duration connectTimeout, Duration requestTimeout, int parallel) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setMaxConnTotal(parallel)
                        .setMaxConnPerRoute(parallel)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("LeadBridge-Webhooks")
                .build();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(
                parallel, parallel, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(parallel), task -> {
                    Thread thread = new Thread(task, "leadbridge-webhook-post-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
        this.limit = connectTimeout.plus(requestTimeout).plusSeconds(1);
    }

    /**
     * POSTs {@code body} as JSON with the given headers. Completes with the status code, or exceptionally with the
     * failure ({@link AddressGuard.Refused} when the guard refused the host at connection time; a
     * {@link TimeoutException} after the attempt's time limit).
     */
    CompletableFuture<Integer> post(URI url, Map<String, String> headers, String body) {
        HttpPost request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> {
                    try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
                        return response.getCode();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                threads);
        return status.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).whenComplete((code, failure) -> {
            if (failure != null) {
                request.cancel(); // closes the connection of an attempt still under way
            }
        });
    }

    /** The refusal behind a failed attempt, or null when the guard did not refuse it. */
    static AddressGuard.Refusal refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressGuard.Refused refused) {
                return refused.refusal;
            }
        }
        return null;
    }

    /** A failed attempt in a few words for the delivery log: "timed out", or the exception's kind and message. */
    static String describe(Throwable failure, int max) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause instanceof TimeoutException
                        || cause instanceof SocketTimeoutException
                        || cause instanceof ConnectTimeoutException
                ? "timed out"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > max ? text.substring(0, max) : text;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
