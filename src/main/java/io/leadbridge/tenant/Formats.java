package io.leadbridge.tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Times as people read them: in the workspace's time zone and the reader's language. Templates use it as {@code
 * @fmt}, e.g. {@code ${@fmt.dateTime(lead.createdAt)}}.
 */
@Component("fmt")
public class Formats {

    private final JdbcClient jdbc;
    /** Each workspace's zone as read at a time: kept a minute (another instance may change it), at most 10,000. */
    private final Map<UUID, Zone> zones = new ConcurrentHashMap<>();

    static final int ZONES_KEPT = 10_000;
    static final long ZONE_KEPT_NANOS = 60_000_000_000L;

    private record Zone(ZoneId id, long readAt) {}

    Formats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String dateTime(Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(LocaleContextHolder.getLocale())
                        .format(instant.atZone(zone()));
    }

    public String date(Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale())
                        .format(instant.atZone(zone()));
    }

    /** An amount of money as the reader writes it (two decimals, their grouping), from a number or its text. */
    public String amount(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        java.math.BigDecimal amount = new java.math.BigDecimal(value.toString());
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount);
    }

    /**
     * The current workspace's time zone (looked up through the SECURITY DEFINER path at most once a minute per
     * workspace and instance).
     */
    public ZoneId zone() {
        return CurrentTenant.id().map(this::zoneOf).orElse(ZoneId.of(TenantManagement.DEFAULT_TIME_ZONE));
    }

    private ZoneId zoneOf(UUID tenant) {
        long now = System.nanoTime();
        Zone known = zones.get(tenant);
        if (known != null && now - known.readAt() < ZONE_KEPT_NANOS) {
            return known.id();
        }
        if (zones.size() >= ZONES_KEPT) {
            zones.clear();
        }
        Zone read = new Zone(lookUp(tenant), now);
        zones.put(tenant, read);
        return read.id();
    }

    /** Forgets the cached zone of a workspace whose time zone changed. */
    void forget(UUID tenant) {
        zones.remove(tenant);
    }

    private ZoneId lookUp(UUID tenant) {
        return jdbc.sql("select tenant_time_zone(?)")
                .param(tenant)
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElse(ZoneId.of(TenantManagement.DEFAULT_TIME_ZONE));
    }
}
