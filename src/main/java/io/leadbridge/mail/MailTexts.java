package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.NotificationKind;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a mail when it is sent: the subject, a plain text and an HTML body from the Thymeleaf templates in {@code
 * templates/mail/} (a text and an HTML resolver of their own, beside the pages'), with the pages' message bundles, in
 * the recipient's language. The link opens the notification's page at {@code leadbridge.public-base-url}.
 */
@Component
class MailTexts {

    /** At most this many notifications in one digest; the rest are counted. */
    static final int DIGEST_ITEMS = 100;

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final UnsubscribeLinks unsubscribe;
    private final String baseUrl;

    MailTexts(
            MessageSource messages,
            JdbcClient jdbc,
            ObjectMapper json,
            UnsubscribeLinks unsubscribe,
            @Value("${leadbridge.public-base-url:}") String baseUrl) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
        this.unsubscribe = unsubscribe;
        String base = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.baseUrl = base;
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** A mail to write, as claimed from the outbox. */
    record Outgoing(
            long id,
            int attempts,
            long recipientId,
            String address,
            String kind,
            String language,
            String messageKey,
            List<String> arguments,
            String link,
            LocalDate digestDay) {}

    /** A mail written. */
    record Written(String subject, String text, String html, String unsubscribeUrl) {}

    /** One line of a mail: what happened and where to see it. */
    record Line(String text, String url) {}

    /**
     * Writes the mail; in a transaction of its own, since the digest's items are read under row-level security (and
     * the workspace's signing key may be made).
     */
    @Transactional
    Written write(Outgoing mail) {
        Locale locale = Locale.forLanguageTag(mail.language());
        Context context = new Context(locale);
        String unsubscribeUrl =
                baseUrl + "/mail/unsubscribe?token=" + unsubscribe.token(mail.recipientId(), mail.kind());
        context.setVariable("unsubscribeUrl", unsubscribeUrl);
        context.setVariable("settingsUrl", baseUrl + "/account/notifications");
        String subject;
        String template;
        if (mail.digestDay() != null) {
            List<Line> lines = digestLines(mail, locale);
            int total = jdbc.sql("""
                            select count(*) from mail_digest_item
                            where tenant_id = ? and recipient_id = ? and digest_day = ?
                            """)
                    .params(CurrentTenant.require(), mail.recipientId(), mail.digestDay())
                    .query(Integer.class)
                    .single();
            String day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(locale)
                    .format(mail.digestDay());
            subject = messages.getMessage("mail.digest.subject", new Object[] {total, day}, locale);
            context.setVariable("lines", lines);
            context.setVariable("more", Math.max(0, total - lines.size()));
            context.setVariable("day", day);
            template = "digest";
        } else {
            NotificationKind kind = NotificationKind.valueOf(mail.kind());
            String text =
                    messages.getMessage(mail.messageKey(), mail.arguments().toArray(), locale);
            subject = messages.getMessage("mail.subject." + kind.name(), null, locale);
            context.setVariable("text", text);
            context.setVariable("action", messages.getMessage("mail.action." + kind.name(), null, locale));
            context.setVariable("url", url(mail.link()));
            context.setVariable("kindName", messages.getMessage("mail.kind." + kind.name(), null, locale));
            template = "notification";
        }
        context.setVariable("subject", subject);
        return new Written(
                subject,
                engine.process(template + ".txt", context),
                engine.process(template + ".html", context),
                unsubscribeUrl);
    }

    private List<Line> digestLines(Outgoing mail, Locale locale) {
        return jdbc.sql("""
                        select message_key, arguments::text as arguments, link from mail_digest_item
                        where tenant_id = ? and recipient_id = ? and digest_day = ?
                        order by id limit ?
                        """)
                .params(CurrentTenant.require(), mail.recipientId(), mail.digestDay(), DIGEST_ITEMS)
                .query((rs, row) -> new Line(
                        messages.getMessage(
                                rs.getString("message_key"),
                                json.readValue(rs.getString("arguments"), new TypeReference<List<String>>() {})
                                        .toArray(),
                                locale),
                        url(rs.getString("link"))))
                .list();
    }

    private String url(String link) {
        if (link == null || link.isBlank()) {
            return baseUrl + "/notifications";
        }
        return link.startsWith("/") ? baseUrl + link : baseUrl + "/" + link;
    }
}
