package io.leadbridge.web;

import java.math.BigDecimal;

/** Values people type into forms, read the way they type them. */
public final class FormValues {

    /** The largest amount of money a form takes (what {@code numeric(14, 2)} holds). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private FormValues() {}

    /**
     * An amount of money as typed: {@code 12500}, {@code 12,500.00}, {@code 12.500,00} or {@code 12500,5}; null when
     * the text is not one, has more than two decimals, is negative or exceeds {@link #MAX_AMOUNT}. Blank is null too.
     */
    public static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String cleaned = text.strip().replace(" ", "").replace("€", "");
        if (cleaned.matches("\\d{1,3}(\\.\\d{3})+(,\\d{1,2})?")) {
            cleaned = cleaned.replace(".", "").replace(',', '.');
        } else if (cleaned.matches("\\d{1,3}(,\\d{3})+(\\.\\d{1,2})?")) {
            cleaned = cleaned.replace(",", "");
        } else {
            cleaned = cleaned.replace(',', '.');
        }
        if (!cleaned.matches("\\d{1,12}(\\.\\d{1,2})?")) {
            return null;
        }
        BigDecimal value = new BigDecimal(cleaned);
        return value.compareTo(MAX_AMOUNT) > 0 ? null : value;
    }

    /** An id chosen in a select: null when none was chosen, -1 (no one's id) when the value is not a number. */
    public static Long id(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
