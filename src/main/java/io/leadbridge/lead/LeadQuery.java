package io.leadbridge.lead;

import java.time.LocalDate;

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
        Boolean qualified) {

    public static final int PAGE_SIZE = 25;

    public LeadQuery {
        q = q == null || q.isBlank() ? null : q.strip();
        source = source == null || source.isBlank() ? null : source.strip();
        sort = sort == null ? Sort.NEWEST : sort;
        after = after == null || after.isBlank() ? null : after;
        before = before == null || before.isBlank() ? null : before;
    }

    public static LeadQuery all() {
        return new LeadQuery(null, null, null, null, null, null, null, null, null, null);
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
