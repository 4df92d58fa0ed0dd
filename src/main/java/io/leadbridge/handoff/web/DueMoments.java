package io.leadbridge.handoff.web;

import io.leadbridge.tenant.Formats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
        return forPage().of(moment);
    }

    /** The reader's calendar for one page: its language, zone, now and patterns read once, for many moments. */
    Calendar forPage() {
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = formats.zone();
        return new Calendar(
                clock.instant(),
                zone,
                pattern("queue.moment.near", locale),
                pattern("queue.moment.far", locale),
                pattern("queue.moment.otherYear", locale));
    }

    private DateTimeFormatter pattern(String key, Locale locale) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale);
    }

    record Calendar(
            Instant now, ZoneId zone, DateTimeFormatter near, DateTimeFormatter far, DateTimeFormatter otherYear) {

        String of(Instant moment) {
            ZonedDateTime at = moment.atZone(zone);
            DateTimeFormatter format;
            if (Duration.between(now, moment).abs().compareTo(NEAR) < 0) {
                format = near;
            } else if (at.getYear() == now.atZone(zone).getYear()) {
                format = far;
            } else {
                format = otherYear;
            }
            return format.format(at);
        }
    }
}
