package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between attempts and the reason kept: bounded, whatever the server answers. */
class MailSendingBackoffTests {

    private final MailSending sending = new MailSending(
            null,
            null,
            null,
            null,
            null,
            new org.springframework.transaction.support.AbstractPlatformTransactionManager() {
                @Override
                protected Object doGetTransaction() {
                    return new Object();
                }

                @Override
                protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition d) {}

                @Override
                protected void doCommit(org.springframework.transaction.support.DefaultTransactionStatus status) {}

                @Override
                protected void doRollback(org.springframework.transaction.support.DefaultTransactionStatus status) {}
            },
            "LeadBridge <leadbridge@localhost>",
            Duration.ofMinutes(2),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofHours(24));

    @Test
    void theWaitDoublesFromAMinuteUpToAnHour() {
        assertThat(sending.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sending.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(sending.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(sending.backoff(7)).isEqualTo(Duration.ofHours(1));
        assertThat(sending.backoff(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theReasonKeptIsOneBoundedLine() {
        RuntimeException cause = new RuntimeException("550\n" + "x".repeat(2_000), new IllegalStateException("inner"));
        String reason = MailSending.describe(cause);
        assertThat(reason)
                .hasSizeLessThanOrEqualTo(MailSending.ERROR_LENGTH)
                .doesNotContain("\n")
                .startsWith("RuntimeException: 550 x");
    }
}
