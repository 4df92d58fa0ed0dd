package io.leadbridge.tenant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the admin sets for the whole workspace on its settings page: the business hours the SLA clock counts and the
 * currency every amount is in.
 */
@Service
public class WorkspaceSettings {

    /** The currencies a workspace may choose (ISO 4217): the euro first, then those of its likely neighbours. */
    public static final List<Currency> CURRENCIES =
            List.of("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "CAD", "AUD", "JPY").stream()
                    .map(Currency::getInstance)
                    .toList();

    private final BusinessHours hours;
    private final Formats formats;
    private final JdbcClient jdbc;

    WorkspaceSettings(BusinessHours hours, Formats formats, JdbcClient jdbc) {
        this.hours = hours;
        this.formats = formats;
        this.jdbc = jdbc;
    }

    /** The currency of that code when a workspace may choose it. */
    public static Optional<Currency> currency(String code) {
        return CURRENCIES.stream().filter(c -> c.getCurrencyCode().equals(code)).findFirst();
    }

    /** The current workspace's currency. */
    public Currency currency() {
        return formats.currency();
    }

    /**
     * Changes the business hours, the time zone and the currency together. Answers false, changing nothing, when
     * someone else changed the settings since {@code expectedVersion} was read.
     */
    @Transactional
    public boolean change(
            Set<DayOfWeek> workDays,
            LocalTime start,
            LocalTime end,
            ZoneId zone,
            Currency currency,
            long expectedVersion) {
        if (!CURRENCIES.contains(currency)) {
            throw new IllegalArgumentException("Not a currency a workspace may choose: " + currency);
        }
        if (!hours.change(workDays, start, end, zone, expectedVersion)) {
            return false;
        }
        jdbc.sql("update tenant set currency = ? where id = ?")
                .params(currency.getCurrencyCode(), CurrentTenant.require())
                .update();
        formats.forget(CurrentTenant.require());
        return true;
    }
}
