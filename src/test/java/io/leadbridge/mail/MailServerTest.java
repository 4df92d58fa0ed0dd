package io.leadbridge.mail;

import io.leadbridge.support.IntegrationTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with a mail server: {@link TestMailServer}, and short intervals for sending and retrying. Every mail
 * test extends this, so they share one application context (two contexts with mail servers would send each other's
 * mails). The daily digest is gathered by the tests themselves, at the time they choose.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "leadbridge.mail.send-interval=PT0.2S",
            "leadbridge.mail.initial-delay=PT0.2S",
            "leadbridge.mail.retry.first=PT1S",
            "leadbridge.mail.retry.max=PT2S",
            "leadbridge.mail.digest-interval=PT10H",
            "leadbridge.mail.digest-initial-delay=PT10H",
            "leadbridge.mail.from=LeadBridge <leadbridge@leadbridge.test>"
        })
abstract class MailServerTest {

    /** Where the mails' links lead: the default of {@code leadbridge.public-base-url} for mails. */
    static final String BASE_URL = "http://localhost:8080";

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestMailServer.PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.writetimeout", () -> "2000");
    }
}
