package io.leadbridge.tenant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Times and money as people read them: in the workspace's time zone and currency and the reader's language.
 * Templates use it as {@code @fmt}, e.g. {@code ${@fmt.dateTime(lead.createdAt)}} or {@code ${@fmt.amount(won)}}.
 */
@Component("fmt")
public class Formats {

    private final JdbcClient jdbc;
    /** Each workspace's zone as read at a time: kept a minute (another instance may change it), at most 10,000. */
    private final Map<UUID, Zone> zones = new ConcurrentHashMap<>();

    static final int ZONES_KEPT = 10_000;
    static final long ZONE_KEPT_NANOS = 60_000_000_000L;

    private record Zone(ZoneId id, long readAt) {}

    private record Known<T>(T value, long readAt) {}

    /** The currency of a workspace that has not chosen another. */
    public static final String DEFAULT_CURRENCY = "EUR";

    private final MessageSource messages;
    /** Each workspace's currency as read at a time, kept like its zone. */
    private final Map<UUID, Known<Currency>> currencies = new ConcurrentHashMap<>();

    Formats(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTimeFormatter().format(instant);
    }

    /**
     * What {@link #dateTime} writes, as a formatter for the reader's language and the workspace's zone: for a page that
     * formats many moments, made once.
     */
    public DateTimeFormatter dateTimeFormatter() {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(zone());
    }

    public String date(Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale())
                        .format(instant.atZone(zone()));
    }

    /**
     * An amount of money in the workspace's currency as the reader writes it, from a number or its text: German
     * "12.500 €", English "€12,500"; cents only when there are any ("7.500,50 €").
     */
    public String amount(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        BigDecimal amount = new BigDecimal(value.toString());
        Currency currency = currency();
        NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        boolean whole = amount.stripTrailingZeros().scale() <= 0;
        format.setMinimumFractionDigits(whole ? 0 : digits);
        format.setMaximumFractionDigits(digits);
        return format.format(amount);
    }

    /** An amount as a form field holds it: plain digits and a point, no grouping ("12500", "7500.50"). */
    public String amountInput(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal plain = amount.stripTrailingZeros();
        return plain.scale() <= 0
                ? plain.toPlainString()
                : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A month as the reader names it: "Dezember 2026", "December 2026". */
    public String month(LocalDate day) {
        return pattern("format.month").format(day);
    }

    /** A month in short: "Dez. 2026", "Dec 2026". */
    public String shortMonth(LocalDate day) {
        return pattern("format.shortMonth").format(day);
    }

    /** A span of days, both included: "1. Okt. – 31. Dez. 2026", "Oct 1 – Dec 31, 2026". */
    public String dateRange(LocalDate first, LocalDate last) {
        String start = first.getYear() == last.getYear()
                ? pattern("format.dayMonth").format(first)
                : pattern("format.day").format(first);
        return start + " – " + pattern("format.day").format(last);
    }

    private DateTimeFormatter pattern(String key) {
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale);
    }

    /**
     * The current workspace's currency (looked up through the SECURITY DEFINER path at most once a minute per
     * workspace and instance).
     */
    public Currency currency() {
        return CurrentTenant.id().map(this::currencyOf).orElse(Currency.getInstance(DEFAULT_CURRENCY));
    }

    private Currency currencyOf(UUID tenant) {
        long now = System.nanoTime();
        Known<Currency> known = currencies.get(tenant);
        if (known != null && now - known.readAt() < ZONE_KEPT_NANOS) {
            return known.value();
        }
        if (currencies.size() >= ZONES_KEPT) {
            currencies.clear();
        }
        Currency read = jdbc.sql("select tenant_currency(?)")
                .param(tenant)
                .query(String.class)
                .optional()
                .map(Currency::getInstance)
                .orElse(Currency.getInstance(DEFAULT_CURRENCY));
        currencies.put(tenant, new Known<>(read, now));
        return read;
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

    /** Forgets the cached zone and currency of a workspace whose settings changed. */
    void forget(UUID tenant) {
        zones.remove(tenant);
        currencies.remove(tenant);
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
