package io.leadbridge.handoff.web;

import io.leadbridge.tenant.Formats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A due moment as a person reads it in their calendar: "Tue 17:00" within a week of now, "Mon 3 Nov, 17:00" further
 * away (with the year when it is another year's), in the workspace's time zone and the reader's language. Templates use
 * it as {@code @dueMoments}.
 */
@Component("dueMoments")
class DueMoments {

    private static final Duration NEAR = Duration.ofDays(6);

    private final Formats formats;
    private final MessageSource messages;
    private final Clock clock;

    DueMoments(Formats formats, MessageSource messages, Clock clock) {
        this.formats = formats;
        this.messages = messages;
        this.clock = clock;
    }

    public String of(Instant moment) {
        Locale locale = LocaleContextHolder.getLocale();
        Instant now = clock.instant();
        ZonedDateTime at = moment.atZone(formats.zone());
        String pattern;
        if (Duration.between(now, moment).abs().compareTo(NEAR) < 0) {
            pattern = "queue.moment.near";
        } else if (at.getYear() == now.atZone(formats.zone()).getYear()) {
            pattern = "queue.moment.far";
        } else {
            pattern = "queue.moment.otherYear";
        }
        return DateTimeFormatter.ofPattern(messages.getMessage(pattern, null, locale), locale)
                .format(at);
    }
}
