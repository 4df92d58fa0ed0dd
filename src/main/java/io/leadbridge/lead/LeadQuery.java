package io.leadbridge.lead;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What the lead list shows: a search, filters, an order, and where the page starts ({@code after}) or ends ({@code
 * before}). Every part comes from the URL, so a view can be bookmarked and shared.
 */
public record LeadQuery(
        String q,
        Stage stage,
        Long owner,
        String source,
        LocalDate createdFrom,
        LocalDate createdTo,
        Sort sort,
        String after,
        String before,
        Boolean qualified,
        Boolean reEngaged) {

    public static final int PAGE_SIZE = 25;

    /** The longest search term and source filter looked for: longer text matches nothing a lead holds. */
    static final int MAX_TERM = 200;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\x{80}-\\x{9F}]+");

    /** A query without the "re-engaged" filter (as before issue 19). */
    public LeadQuery(
            String q,
            Stage stage,
            Long owner,
            String source,
            LocalDate createdFrom,
            LocalDate createdTo,
            Sort sort,
            String after,
            String before,
            Boolean qualified) {
        this(q, stage, owner, source, createdFrom, createdTo, sort, after, before, qualified, null);
    }

    public LeadQuery {
        q = term(q);
        source = term(source);
        sort = sort == null ? Sort.NEWEST : sort;
        after = after == null || after.isBlank() ? null : after;
        before = before == null || before.isBlank() ? null : before;
    }

    /**
     * A search term as it is looked for: stripped, control characters (which no stored text holds) as spaces, at most
     * {@link #MAX_TERM} characters; null when nothing is left.
     */
    private static String term(String text) {
        if (text == null) {
            return null;
        }
        String plain = CONTROL.matcher(text).replaceAll(" ").strip();
        if (plain.length() > MAX_TERM) {
            plain = plain.substring(0, MAX_TERM).strip();
        }
        return plain.isEmpty() ? null : plain;
    }

    public static LeadQuery all() {
        return new LeadQuery(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether a search, a filter or a page narrows the list (rather than the whole workspace in some order). */
    public boolean narrowed() {
        return q != null
                || stage != null
                || owner != null
                || source != null
                || createdFrom != null
                || createdTo != null
                || qualified != null
                || Boolean.TRUE.equals(reEngaged)
                || after != null
                || before != null;
    }

    /** The orders the list offers, each served by an index that leads with the tenant. */
    public enum Sort {
        NEWEST("l.created_at", true),
        OLDEST("l.created_at", false),
        COMPANY("lower(l.company_name)", false),
        SCORE("coalesce(l.engagement_score, -1)", true);

        final String expression;
        final boolean descending;

        Sort(String expression, boolean descending) {
            this.expression = expression;
            this.descending = descending;
        }
    }
}
