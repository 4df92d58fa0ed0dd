package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.tenant.BusinessHours.Calendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SLA clock counts business hours: working days and hours in the workspace's zone, without holidays. */
class BusinessHoursTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Calendar WEEKDAYS_9_TO_5 = new Calendar(
            BERLIN,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            Set.of(),
            0);

    static Instant berlin(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void aHandoffOnFridayEveningIsDueOnWednesdayNotOnSaturday() {
        // Friday 27 November 2026, 18:30: after hours. 24 business hours = three full working days from Monday.
        Instant friday = berlin("2026-11-27T18:30");
        Instant due = WEEKDAYS_9_TO_5.plus(friday, Duration.ofHours(24));
        assertThat(due).isEqualTo(berlin("2026-12-02T17:00"));
        assertThat(WEEKDAYS_9_TO_5.between(friday, berlin("2026-11-28T23:00"))).isZero();
        assertThat(WEEKDAYS_9_TO_5.between(friday, berlin("2026-11-30T10:15"))).isEqualTo(Duration.ofMinutes(75));
    }

    @Test
    void withinAWorkingDayTheClockRunsLikeAWatch() {
        Instant tuesday = berlin("2026-12-01T10:00");
        assertThat(WEEKDAYS_9_TO_5.plus(tuesday, Duration.ofHours(3))).isEqualTo(berlin("2026-12-01T13:00"));
        // Four hours from 15:00 run over the night: two today, two tomorrow from 9.
        assertThat(WEEKDAYS_9_TO_5.plus(berlin("2026-12-01T15:00"), Duration.ofHours(4)))
                .isEqualTo(berlin("2026-12-02T11:00"));
    }

    @Test
    void holidaysDoNotCount() {
        Calendar withChristmas = new Calendar(
                BERLIN,
                WEEKDAYS_9_TO_5.workDays(),
                WEEKDAYS_9_TO_5.start(),
                WEEKDAYS_9_TO_5.end(),
                Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25)),
                0);
        // Wednesday 23 December 16:00: one hour that day; 24th and 25th are holidays, 26th/27th a weekend.
        Instant due = withChristmas.plus(berlin("2026-12-23T16:00"), Duration.ofHours(8));
        assertThat(due).isEqualTo(berlin("2026-12-28T16:00"));
        assertThat(withChristmas.between(berlin("2026-12-23T16:00"), due)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void overdueTimeIsNegative() {
        Instant due = berlin("2026-12-01T12:00");
        assertThat(WEEKDAYS_9_TO_5.between(berlin("2026-12-01T14:30"), due)).isEqualTo(Duration.ofMinutes(-150));
    }

    @Test
    void theClockFollowsTheWorkspaceZoneAcrossDaylightSavingTime() {
        // Friday 27 March 2026 16:00 in Berlin; the clocks go forward on Sunday; Monday 9:00 is 07:00 UTC.
        Instant due = WEEKDAYS_9_TO_5.plus(berlin("2026-03-27T16:00"), Duration.ofHours(2));
        assertThat(due).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void aLeadOverdueForAYearShowsAYearOfWorkingHours() {
        // Monday 1 December 2025 12:00 to Tuesday 1 December 2026 12:00: 260 working days in between at 8 hours, plus
        // 5 hours on the first day and 3 on the last; with Christmas Day and Boxing Day off (a Saturday too) 16 fewer.
        Instant from = berlin("2025-12-01T12:00");
        Instant to = berlin("2026-12-01T12:00");
        assertThat(WEEKDAYS_9_TO_5.between(from, to)).isEqualTo(dayByDay(WEEKDAYS_9_TO_5, from, to));
        assertThat(WEEKDAYS_9_TO_5.between(to, from))
                .isEqualTo(dayByDay(WEEKDAYS_9_TO_5, from, to).negated());
        assertThat(WEEKDAYS_9_TO_5.between(from, to).toHours()).isEqualTo(2088);
        Calendar withChristmas = new Calendar(
                BERLIN,
                WEEKDAYS_9_TO_5.workDays(),
                WEEKDAYS_9_TO_5.start(),
                WEEKDAYS_9_TO_5.end(),
                Set.of(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26), LocalDate.of(2025, 12, 27)),
                0);
        assertThat(withChristmas.between(from, to).toHours()).isEqualTo(2088 - 16);
    }

    @Test
    void longSpansCountLikeGoingDayByDayInEveryZoneAndAcrossClockChanges() {
        List<Calendar> calendars = List.of(
                WEEKDAYS_9_TO_5,
                // working hours across the night of the clock change (02:00 in Berlin)
                new Calendar(
                        BERLIN,
                        EnumSet.allOf(DayOfWeek.class),
                        LocalTime.of(1, 0),
                        LocalTime.of(5, 0),
                        Set.of(LocalDate.of(2026, 3, 29), LocalDate.of(2025, 1, 1)),
                        0),
                new Calendar(
                        ZoneId.of("America/Sao_Paulo"), // changed its clocks at midnight until 2019
                        EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                        LocalTime.of(0, 0),
                        LocalTime.of(8, 30),
                        Set.of(LocalDate.of(2018, 11, 4)),
                        0),
                new Calendar(
                        ZoneId.of("Asia/Kolkata"),
                        EnumSet.range(DayOfWeek.SUNDAY, DayOfWeek.SUNDAY),
                        LocalTime.of(10, 30),
                        LocalTime.of(18, 0),
                        Set.of(),
                        0));
        Random random = new Random(42);
        Instant base = Instant.parse("2017-01-01T00:00:00Z");
        for (Calendar calendar : calendars) {
            for (int i = 0; i < 300; i++) {
                Instant from = base.plusSeconds(random.nextLong(10L * 365 * 86_400));
                Instant to = from.plusSeconds(random.nextLong(i % 3 == 0 ? 20L * 86_400 : 3L * 365 * 86_400));
                assertThat(calendar.between(from, to))
                        .as("%s from %s to %s", calendar.zone(), from, to)
                        .isEqualTo(dayByDay(calendar, from, to));
            }
        }
    }

    /** The plain count: every day's working hours that lie between the two moments. */
    static Duration dayByDay(Calendar calendar, Instant from, Instant to) {
        ZonedDateTime a = from.atZone(calendar.zone());
        ZonedDateTime b = to.atZone(calendar.zone());
        long seconds = 0;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!calendar.working(day)) {
                continue;
            }
            ZonedDateTime open = day.atTime(calendar.start()).atZone(calendar.zone());
            ZonedDateTime close = day.atTime(calendar.end()).atZone(calendar.zone());
            ZonedDateTime begin = a.isAfter(open) ? a : open;
            ZonedDateTime finish = b.isBefore(close) ? b : close;
            if (begin.isBefore(finish)) {
                seconds += Duration.between(begin, finish).toSeconds();
            }
        }
        return Duration.ofSeconds(seconds);
    }
}
