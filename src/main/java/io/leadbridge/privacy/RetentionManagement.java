package io.leadbridge.privacy;

import io.leadbridge.privacy.RetentionCandidates.Candidate;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's retention: its setting (on or off, after how many months, the daily run's time of day in
 * the workspace's time zone), the preview of what the next run anonymises and the log of what the runs did. The runs
 * themselves are {@link RetentionJob}'s.
 */
@Service
public class RetentionManagement {

    public static final int MIN_MONTHS = 1;
    public static final int MAX_MONTHS = 120;

    /** What a workspace without a setting starts with (off). */
    static final int DEFAULT_MONTHS = 24;

    static final LocalTime DEFAULT_RUN_AT = LocalTime.of(3, 0);

    /** How many leads the preview lists (it counts all). */
    public static final int PREVIEW = 50;

    /** How many runs the log shows. */
    static final int LOG_PAGE = 50;

    private final JdbcClient jdbc;
    private final RetentionCandidates candidates;
    private final Formats formats;
    private final Clock clock;

    RetentionManagement(JdbcClient jdbc, RetentionCandidates candidates, Formats formats, Clock clock) {
        this.jdbc = jdbc;
        this.candidates = candidates;
        this.formats = formats;
        this.clock = clock;
    }

    /** The setting; {@code version} -1 while the workspace has none (then off, with the defaults). */
    public record Settings(boolean enabled, int months, LocalTime runAt, Instant nextRunAt, int version) {}

    /** What the next run would anonymise: how many, and the first of them. */
    public record Preview(boolean enabled, Instant runAt, Instant untouchedSince, long count, List<Candidate> first) {}

    /** An entry of the retention log: ids only. */
    public record Run(long id, Instant ranAt, int months, int leads, List<Long> leadIds) {}

    @Transactional(readOnly = true)
    public Settings settings() {
        return jdbc.sql("""
                        select enabled, months, run_at, next_run_at, version from retention_setting
                        where tenant_id = ?
                        """)
                .param(CurrentTenant.require())
                .query((rs, n) -> new Settings(
                        rs.getBoolean(1),
                        rs.getInt(2),
                        rs.getObject(3, LocalTime.class),
                        Optional.ofNullable(rs.getTimestamp(4))
                                .map(Timestamp::toInstant)
                                .orElse(null),
                        rs.getInt(5)))
                .optional()
                .orElse(new Settings(false, DEFAULT_MONTHS, DEFAULT_RUN_AT, null, -1));
    }

    /**
     * Changes the setting if it is still at {@code expectedVersion} (-1: none yet); answers false, changing nothing,
     * when someone changed it in between. Turned on, the next run is due at the next {@code runAt}.
     */
    @Transactional
    public boolean change(boolean enabled, int months, LocalTime runAt, long changedBy, int expectedVersion) {
        if (months < MIN_MONTHS || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months out of range: " + months);
        }
        Instant now = clock.instant();
        Timestamp next = enabled ? Timestamp.from(nextRun(runAt, formats.zone(), now)) : null;
        var tenant = CurrentTenant.require();
        if (expectedVersion < 0) {
            return jdbc.sql("""
                                    insert into retention_setting
                                        (tenant_id, enabled, months, run_at, next_run_at, updated_by, updated_at)
                                    values (?, ?, ?, ?, ?, ?, ?)
                                    on conflict (tenant_id) do nothing
                                    """)
                            .params(tenant, enabled, months, runAt, next, changedBy, Timestamp.from(now))
                            .update()
                    == 1;
        }
        return jdbc.sql("""
                                update retention_setting
                                set enabled = ?, months = ?, run_at = ?, next_run_at = ?, updated_by = ?,
                                    updated_at = ?, version = version + 1
                                where tenant_id = ? and version = ?
                                """)
                        .params(enabled, months, runAt, next, changedBy, Timestamp.from(now), tenant, expectedVersion)
                        .update()
                == 1;
    }

    /**
     * What the next run will anonymise, by the query the run uses: as of the next run's time when retention is on (as
     * of now when off, for a look before turning it on).
     */
    @Transactional(readOnly = true)
    public Preview preview() {
        Settings settings = settings();
        Instant now = clock.instant();
        Instant runAt = settings.enabled()
                        && settings.nextRunAt() != null
                        && settings.nextRunAt().isAfter(now)
                ? settings.nextRunAt()
                : now;
        Instant since = untouchedSince(runAt, settings.months(), formats.zone());
        return new Preview(settings.enabled(), runAt, since, candidates.count(since), candidates.list(since, PREVIEW));
    }

    @Transactional(readOnly = true)
    public List<Run> log() {
        return jdbc.sql("""
                        select id, ran_at, months, leads, lead_ids from retention_run
                        where tenant_id = ? order by ran_at desc, id desc limit ?
                        """)
                .params(CurrentTenant.require(), LOG_PAGE)
                .query((rs, n) -> new Run(
                        rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4), ids(rs.getArray(5))))
                .list();
    }

    /** The leads untouched since this moment are due: {@code months} before {@code runAt}, by the workspace's calendar. */
    static Instant untouchedSince(Instant runAt, int months, ZoneId zone) {
        return runAt.atZone(zone).minusMonths(months).toInstant();
    }

    /** The first moment after {@code now} at the time of day {@code runAt} in the zone. */
    static Instant nextRun(LocalTime runAt, ZoneId zone, Instant now) {
        ZonedDateTime today = now.atZone(zone).toLocalDate().atTime(runAt).atZone(zone);
        return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
    }

    private static List<Long> ids(Array array) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Object id : (Object[]) array.getArray()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }
}
