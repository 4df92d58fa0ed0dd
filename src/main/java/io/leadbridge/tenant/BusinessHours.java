package io.leadbridge.tenant;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's business hours: working days and hours in its time zone, and the holidays the admin keeps. Response
 * times (the SLA clock) count only these hours: a lead handed off on Friday evening is not overdue on Saturday.
 */
@Service
public class BusinessHours {

    /** How far the clock looks ahead for working time before it gives up (a calendar with no working day). */
    static final int MAX_DAYS = 3660;

    private final JdbcClient jdbc;
    private final Formats formats;

    BusinessHours(JdbcClient jdbc, Formats formats) {
        this.jdbc = jdbc;
        this.formats = formats;
    }

    public record Holiday(LocalDate day, String name) {}

    /** A workspace's working time, and the clock arithmetic on it. */
    public record Calendar(
            ZoneId zone,
            Set<DayOfWeek> workDays,
            LocalTime start,
            LocalTime end,
            Set<LocalDate> holidays,
            long version) {

        public Calendar {
            workDays = workDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workDays);
            holidays = Set.copyOf(holidays);
        }

        public static Calendar standard(ZoneId zone) {
            return new Calendar(
                    zone,
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(9, 0),
                    LocalTime.of(17, 0),
                    Set.of(),
                    0);
        }

        public boolean working(LocalDate day) {
            return workDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
        }

        /** The moment {@code amount} of business time after {@code from}. */
        public Instant plus(Instant from, Duration amount) {
            long remaining = amount.toSeconds();
            ZonedDateTime cursor = from.atZone(zone);
            LocalDate day = cursor.toLocalDate();
            for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
                if (!working(day)) {
                    continue;
                }
                ZonedDateTime open = day.atTime(start).atZone(zone);
                ZonedDateTime close = day.atTime(end).atZone(zone);
                ZonedDateTime begin = cursor.isAfter(open) ? cursor : open;
                if (!begin.isBefore(close)) {
                    continue;
                }
                long available = Duration.between(begin, close).toSeconds();
                if (remaining <= available) {
                    return begin.plusSeconds(remaining).toInstant();
                }
                remaining -= available;
            }
            throw new IllegalStateException("No business hours in the next " + MAX_DAYS + " days");
        }

        /**
         * The business time between two moments (negative when {@code to} is before {@code from}). Costs the same for
         * a lead overdue by a year as for one due tomorrow: the whole days in between are counted by weeks, with the
         * holidays and the daylight-saving changes that fall into working hours corrected one by one.
         */
        public Duration between(Instant from, Instant to) {
            if (to.isBefore(from)) {
                return between(to, from).negated();
            }
            ZonedDateTime a = from.atZone(zone);
            ZonedDateTime b = to.atZone(zone);
            LocalDate first = a.toLocalDate();
            LocalDate last = b.toLocalDate();
            long seconds = 0;
            if (ChronoUnit.DAYS.between(first, last) <= 2 * 7) {
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    seconds += worked(day, a, b);
                }
                return Duration.ofSeconds(seconds);
            }
            seconds += worked(first, a, b) + worked(last, a, b);
            seconds += wholeDays(first.plusDays(1), last.minusDays(1));
            return Duration.ofSeconds(seconds);
        }

        /** The seconds of {@code day}'s working hours that lie between {@code a} and {@code b}. */
        private long worked(LocalDate day, ZonedDateTime a, ZonedDateTime b) {
            if (!working(day)) {
                return 0;
            }
            ZonedDateTime open = day.atTime(start).atZone(zone);
            ZonedDateTime close = day.atTime(end).atZone(zone);
            ZonedDateTime begin = a.isAfter(open) ? a : open;
            ZonedDateTime finish = b.isBefore(close) ? b : close;
            return begin.isBefore(finish) ? Duration.between(begin, finish).toSeconds() : 0;
        }

        /** The working seconds of the whole days {@code from} to {@code to}, both included. */
        private long wholeDays(LocalDate from, LocalDate to) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            long workingDays = days / 7 * workDays.size();
            for (LocalDate day = from.plusDays(days / 7 * 7); !day.isAfter(to); day = day.plusDays(1)) {
                if (workDays.contains(day.getDayOfWeek())) {
                    workingDays++;
                }
            }
            for (LocalDate holiday : holidays) {
                if (!holiday.isBefore(from) && !holiday.isAfter(to) && workDays.contains(holiday.getDayOfWeek())) {
                    workingDays--;
                }
            }
            long nominal = Duration.between(start, end).toSeconds();
            long seconds = workingDays * nominal;
            // A clock change inside working hours makes that day an hour longer or shorter than its hours say.
            ZoneRules rules = zone.getRules();
            Instant until = to.plusDays(1).atStartOfDay(zone).toInstant();
            Set<LocalDate> changed = new HashSet<>();
            ZoneOffsetTransition change =
                    rules.nextTransition(from.atStartOfDay(zone).toInstant().minusSeconds(1));
            while (change != null && change.getInstant().isBefore(until)) {
                LocalDate day = change.getInstant().atZone(zone).toLocalDate();
                if (!day.isBefore(from) && !day.isAfter(to) && working(day) && changed.add(day)) {
                    seconds += Duration.between(
                                            day.atTime(start).atZone(zone),
                                            day.atTime(end).atZone(zone))
                                    .toSeconds()
                            - nominal;
                }
                change = rules.nextTransition(change.getInstant());
            }
            return seconds;
        }
    }

    /** The current workspace's calendar with all its holidays. */
    @Transactional(readOnly = true)
    public Calendar calendar() {
        Set<LocalDate> holidays = holidays().stream().map(Holiday::day).collect(Collectors.toSet());
        ZoneId zone = formats.zone();
        return jdbc.sql("select work_days, day_start, day_end, version from business_calendar where tenant_id = ?")
                .param(CurrentTenant.require())
                .query((rs, row) -> new Calendar(
                        zone,
                        days(rs.getString("work_days")),
                        rs.getTime("day_start").toLocalTime(),
                        rs.getTime("day_end").toLocalTime(),
                        holidays,
                        rs.getLong("version")))
                .optional()
                .orElseGet(() -> {
                    Calendar standard = Calendar.standard(zone);
                    return new Calendar(zone, standard.workDays(), standard.start(), standard.end(), holidays, 0);
                });
    }

    /**
     * Changes the working days and hours and the time zone. Answers false, changing nothing, when someone else changed
     * them since {@code expectedVersion} was read.
     */
    @Transactional
    public boolean change(Set<DayOfWeek> workDays, LocalTime start, LocalTime end, ZoneId zone, long expectedVersion) {
        if (workDays.isEmpty() || !start.isBefore(end)) {
            throw new IllegalArgumentException("A calendar needs a working day and a day that ends after it starts");
        }
        String days = new TreeSet<>(workDays)
                .stream().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
        jdbc.sql("insert into business_calendar (tenant_id) values (?) on conflict do nothing")
                .param(CurrentTenant.require())
                .update();
        int changed = jdbc.sql("""
                        update business_calendar set work_days = ?, day_start = ?, day_end = ?, version = version + 1
                        where tenant_id = ? and version = ?
                        """)
                .params(
                        days,
                        java.sql.Time.valueOf(start),
                        java.sql.Time.valueOf(end),
                        CurrentTenant.require(),
                        expectedVersion)
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("update tenant set time_zone = ? where id = ?")
                .params(zone.getId(), CurrentTenant.require())
                .update();
        formats.forget(CurrentTenant.require());
        return true;
    }

    @Transactional(readOnly = true)
    public List<Holiday> holidays() {
        return jdbc.sql("select day, name from holiday where tenant_id = ? order by day")
                .param(CurrentTenant.require())
                .query((rs, row) -> new Holiday(rs.getDate("day").toLocalDate(), rs.getString("name")))
                .list();
    }

    /** Adds a holiday; answers false when the day is a holiday already. */
    @Transactional
    public boolean addHoliday(LocalDate day, String name) {
        try {
            return jdbc.sql("insert into holiday (tenant_id, day, name) values (?, ?, ?) on conflict do nothing")
                            .params(CurrentTenant.require(), Date.valueOf(day), name.strip())
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Transactional
    public void removeHoliday(LocalDate day) {
        jdbc.sql("delete from holiday where tenant_id = ? and day = ?")
                .params(CurrentTenant.require(), Date.valueOf(day))
                .update();
    }

    static Set<DayOfWeek> days(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .map(DayOfWeek::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }
}
