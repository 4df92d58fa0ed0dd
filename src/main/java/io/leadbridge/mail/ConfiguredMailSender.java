package io.leadbridge.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The mail server's sender where one is configured ({@code spring.mail.host}), else none: mails are then kept as "not
 * configured". Boot makes its {@link JavaMailSender} only where a host is set, and with Spring AOT that condition is
 * decided when the application is built, not when it starts (docs/adr/0033): the build decides it with a placeholder
 * host (pom.xml, process-aot), so the sender exists, made at start from the {@code spring.mail.*} settings of the day.
 * Whether a server is configured is therefore asked here, at start, from the host itself.
 */
@Component
class ConfiguredMailSender {

    private final ObjectProvider<JavaMailSender> sender;
    private final boolean configured;

    ConfiguredMailSender(ObjectProvider<JavaMailSender> sender, Environment environment) {
        this.sender = sender;
        this.configured = StringUtils.hasText(environment.getProperty("spring.mail.host"));
    }

    /** The sender, or null where no mail server is configured. */
    JavaMailSender get() {
        return configured ? sender.getIfAvailable() : null;
    }
}
