package io.leadbridge.shared;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A period [from, to) as the database's day counts see it (migration V42, ADR 0018): the whole UTC days {@code
 * [firstDay, endDay)} read from the counts, and at most two partial days at the edges counted from the raw rows, each
 * a range with a sign. An edge day that the period covers for at most twelve hours is counted from its rows inside the
 * period (+1); one it covers for longer is taken whole from the counts, less its rows outside the period (-1). So an
 * edge never reads more than half a day of rows, and a period that ends now reads almost none at its end.
 *
 * <p>Shared (it depends on nothing) because more than one module reads day counts this way: the dashboards their
 * figures, the goal module its scoreboard (V46, ADR 0020).
 */
public record DaySplit(
        LocalDate firstDay,
        LocalDate endDay,
        Instant headFrom,
        Instant headTo,
        int headSign,
        Instant tailFrom,
        Instant tailTo,
        int tailSign) {

    private static final Duration HALF_DAY = Duration.ofHours(12);

    /** The earliest instant a figure "up to" a moment counts from (nothing in LeadBridge is older). */
    public static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");

    public static DaySplit of(Instant from, Instant to) {
        LocalDate dFrom = day(from);
        LocalDate dTo = day(to);
        if (!from.isBefore(to)) {
            return new DaySplit(dFrom, dFrom, from, from, 0, from, from, 0);
        }
        if (dFrom.equals(dTo)) {
            return new DaySplit(dFrom, dFrom, from, to, 1, to, to, 0);
        }
        LocalDate first;
        Instant headFrom;
        Instant headTo;
        int headSign;
        Instant nextDay = start(dFrom.plusDays(1));
        if (from.equals(start(dFrom))) {
            first = dFrom;
            headFrom = headTo = from;
            headSign = 0;
        } else if (Duration.between(from, nextDay).compareTo(HALF_DAY) <= 0) {
            first = dFrom.plusDays(1);
            headFrom = from;
            headTo = nextDay;
            headSign = 1;
        } else {
            first = dFrom;
            headFrom = start(dFrom);
            headTo = from;
            headSign = -1;
        }
        LocalDate end;
        Instant tailFrom;
        Instant tailTo;
        int tailSign;
        Instant lastStart = start(dTo);
        if (to.equals(lastStart)) {
            end = dTo;
            tailFrom = tailTo = to;
            tailSign = 0;
        } else if (Duration.between(lastStart, to).compareTo(HALF_DAY) <= 0) {
            end = dTo;
            tailFrom = lastStart;
            tailTo = to;
            tailSign = 1;
        } else {
            end = dTo.plusDays(1);
            tailFrom = to;
            tailTo = start(dTo.plusDays(1));
            tailSign = -1;
        }
        return new DaySplit(first, end, headFrom, headTo, headSign, tailFrom, tailTo, tailSign);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The parameters {@code <prefix>FirstDay}, {@code <prefix>EndDay}, {@code <prefix>HeadFrom} … {@code
     * <prefix>TailSign} for a statement.
     */
    public java.util.Map<String, Object> parameters(String prefix) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(prefix + "FirstDay", firstDay);
        p.put(prefix + "EndDay", endDay);
        p.put(prefix + "HeadFrom", Timestamp.from(headFrom));
        p.put(prefix + "HeadTo", Timestamp.from(headTo));
        p.put(prefix + "HeadSign", headSign);
        p.put(prefix + "TailFrom", Timestamp.from(tailFrom));
        p.put(prefix + "TailTo", Timestamp.from(tailTo));
        p.put(prefix + "TailSign", tailSign);
        return p;
    }

    /**
     * The SQL that sums a measure over the period: {@code counts} selects from a day-count view with the condition
     * {@code day >= :pFirstDay and day < :pEndDay}, {@code raw} from the raw rows with {@code :pFrom}/{@code :pTo}
     * for the range and {@code :pSign} for the sign — written once, used for both edges.
     */
    public static String union(String prefix, String counts, String raw) {
        return counts.replace(":pFirstDay", ":" + prefix + "FirstDay").replace(":pEndDay", ":" + prefix + "EndDay")
                + "\nunion all\n"
                + edge(raw, prefix, "Head")
                + "\nunion all\n"
                + edge(raw, prefix, "Tail");
    }

    private static String edge(String raw, String prefix, String edge) {
        return raw.replace(":pFrom", ":" + prefix + edge + "From")
                .replace(":pTo", ":" + prefix + edge + "To")
                .replace(":pSign", "cast(:" + prefix + edge + "Sign as int)");
    }
}
