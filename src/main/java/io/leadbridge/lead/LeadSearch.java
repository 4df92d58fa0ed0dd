package io.leadbridge.lead;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadbridge.lead.LeadQuery.Sort;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lead list in SQL: filters, and keyset paging on (sort key, id), so the thousandth page costs what the first
 * does. Each order is served by an index leading with {@code tenant_id}.
 *
 * <p>How many leads match: for no filter, a stage, an owner or both, exactly from the counts the database keeps
 * ({@link StageCounts}); for other filters counted up to a bound ({@code leadbridge.leads.count-bound}, 500: twenty
 * pages) and beyond it "more than that", with the planner's estimate of the total. Counting the matches up to 10,000
 * was nine tenths of the list's database time on a million-lead workspace (issue 21: "stage and qualified" walked
 * 76,000 index entries per request); up to 500 it walks 3,800.
 */
@Component
class LeadSearch {

    /**
     * A search whose term is in at most this many leads is answered from their ids (found through the trigram index);
     * a broader one by scanning in list order, which finds a page quickly.
     */
    static final int NARROW_SEARCH_LIMIT = 10_000;

    private static final Pattern PLANNED_ROWS = Pattern.compile("rows=(\\d+)");

    private final JdbcClient jdbc;
    private final List<LeadFilterContributor> contributedFilters;
    private final java.time.Clock clock;
    private final StageCounts stageCounts;
    private final long countLimit;

    /**
     * The planner's estimates by workspace and filters, for a minute: an estimate is no truer for being asked again,
     * and paging through a list asks for the same one on every page.
     */
    private final Cache<String, Long> estimates = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    LeadSearch(
            JdbcClient jdbc,
            List<LeadFilterContributor> contributedFilters,
            java.time.Clock clock,
            StageCounts stageCounts,
            @Value("${leadbridge.leads.count-bound:500}") long countLimit) {
        this.jdbc = jdbc;
        this.contributedFilters = contributedFilters;
        this.clock = clock;
        this.stageCounts = stageCounts;
        this.countLimit = countLimit;
    }

    LeadPage page(LeadQuery query, ZoneId zone) {
        List<Object> params = new ArrayList<>();
        Filters filtered = filters(query, zone, params);
        String filters = filtered.sql();
        long matching;
        boolean capped = false;
        Long estimate = null;
        if (filtered.keptCounts()) {
            matching = stageCounts.matching(query.stage(), query.owner());
        } else {
            matching = jdbc.sql("select count(*) from (select 1 from lead l where " + filters + " limit ?) t")
                    .params(with(params, countLimit + 1))
                    .query(Long.class)
                    .single();
            if (matching > countLimit) {
                capped = true;
                long roughly = roughly(estimate(filters, params));
                estimate = roughly > countLimit ? roughly : null;
            }
        }

        Sort sort = query.sort();
        boolean backwards = query.before() != null;
        Cursor cursor = Cursor.parse(backwards ? query.before() : query.after(), sort);
        StringBuilder where = new StringBuilder(filters);
        List<Object> pageParams = new ArrayList<>(params);
        if (cursor != null) {
            boolean forwardIsLess = sort.descending;
            boolean less = backwards ? !forwardIsLess : forwardIsLess;
            where.append(" and (")
                    .append(sort.expression)
                    .append(", l.id) ")
                    .append(less ? "<" : ">")
                    .append(" (?, ?)");
            pageParams.add(cursor.key());
            pageParams.add(cursor.id());
        }
        boolean descending = backwards != sort.descending;
        String direction = descending ? " desc" : " asc";
        List<Fetched> fetched = jdbc.sql("""
                        select l.id, l.first_name, l.last_name, l.email, l.company_name, l.stage, l.source,
                               l.engagement_score, a.display_name as owner_name, l.created_at,
                               %s as sort_key
                        from lead l
                        left join account_person a on a.tenant_id = l.tenant_id and a.id = l.owner_id
                        where %s
                        order by %s%s, l.id%s
                        limit ?
                        """.formatted(sort.expression, where, sort.expression, direction, direction))
                .params(with(pageParams, LeadQuery.PAGE_SIZE + 1))
                .query((rs, row) -> new Fetched(row(rs), rs.getObject("sort_key")))
                .list();

        boolean more = fetched.size() > LeadQuery.PAGE_SIZE;
        List<Fetched> page = new ArrayList<>(fetched.subList(0, Math.min(fetched.size(), LeadQuery.PAGE_SIZE)));
        if (backwards) {
            Collections.reverse(page);
        }
        String previous = null;
        String next = null;
        if (!page.isEmpty()) {
            boolean hasPrevious = backwards ? more : cursor != null;
            boolean hasNext = backwards || more;
            if (hasPrevious) {
                previous = Cursor.of(page.get(0));
            }
            if (hasNext) {
                next = Cursor.of(page.get(page.size() - 1));
            }
        }
        return new LeadPage(
                page.stream().map(Fetched::row).toList(), previous, next, matching, capped, countLimit, estimate);
    }

    /**
     * Streams every lead the query matches, in its order, to {@code each} — row by row from the database (a cursor
     * with a fetch size), never the whole list in memory. Must run inside a transaction.
     */
    void stream(LeadQuery query, ZoneId zone, JdbcTemplate template, RowCallbackHandler each) {
        List<Object> params = new ArrayList<>();
        String filters = filters(query, zone, params).sql();
        String direction = query.sort().descending ? " desc" : " asc";
        template.setFetchSize(1_000);
        template.query("""
                select l.* from lead l where %s order by %s%s, l.id%s
                """.formatted(filters, query.sort().expression, direction, direction), each, params.toArray());
    }

    /**
     * The ids of the leads matching the pattern, found through the trigram index of {@code lead_search} and among an
     * import's leads the background job has not indexed yet (ADR 0024), when there are at most {@link
     * #NARROW_SEARCH_LIMIT}; {@code null} for a broader search, which scanning in list order answers quickly.
     */
    private Long[] narrowSearch(String pattern) {
        Long[] ids = jdbc.sql("select lead_search_ids(?, ?)")
                .params(pattern, NARROW_SEARCH_LIMIT + 1)
                .query((rs, row) -> (Long[]) rs.getArray(1).getArray())
                .single();
        return ids.length > NARROW_SEARCH_LIMIT ? null : ids;
    }

    /** The filters' SQL, and whether the database keeps counts for them (none but a stage and an owner). */
    private record Filters(String sql, boolean keptCounts) {}

    private Filters filters(LeadQuery query, ZoneId zone, List<Object> params) {
        StringBuilder sql = new StringBuilder("l.tenant_id = ?");
        params.add(CurrentTenant.require());
        if (query.q() != null) {
            String pattern = "%" + query.q().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
            Long[] ids = narrowSearch(pattern);
            if (ids != null) {
                sql.append(" and l.id = any(?)");
                params.add(ids);
            } else {
                sql.append(
                        " and lead_search_text(l.first_name, l.last_name, l.company_name, l.email) like ? escape '\\'");
                params.add(pattern);
            }
        }
        if (query.stage() != null) {
            sql.append(" and l.stage = ?");
            params.add(query.stage().name());
        }
        if (query.owner() != null) {
            sql.append(" and l.owner_id = ?");
            params.add(query.owner());
        }
        if (query.source() != null) {
            sql.append(" and l.source = ?");
            params.add(query.source());
        }
        // Leads that came back in nurture and qualified, put in front of marketing again recently (issue 19).
        if (Boolean.TRUE.equals(query.reEngaged())) {
            sql.append(" and l.re_engaged_at >= ?");
            params.add(Timestamp.from(clock.instant().minus(LeadReturns.RECENTLY)));
        }
        // Other modules' filters (the criteria's "qualified"), each over its own published view.
        boolean contributed = false;
        for (LeadFilterContributor contributor : contributedFilters) {
            String condition = contributor.condition(query, params);
            if (condition != null) {
                sql.append(" and (").append(condition).append(')');
                contributed = true;
            }
        }
        if (query.createdFrom() != null) {
            sql.append(" and l.created_at >= ?");
            params.add(Timestamp.from(query.createdFrom().atStartOfDay(zone).toInstant()));
        }
        if (query.createdTo() != null) {
            sql.append(" and l.created_at < ?");
            params.add(Timestamp.from(
                    query.createdTo().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        boolean keptCounts = query.q() == null
                && query.source() == null
                && !Boolean.TRUE.equals(query.reEngaged())
                && !contributed
                && query.createdFrom() == null
                && query.createdTo() == null;
        return new Filters(sql.toString(), keptCounts);
    }

    /**
     * The planner's estimate of the leads the filters match (its row estimate for them, from the table's statistics:
     * planning only, nothing is counted), kept for a minute per workspace and filters.
     */
    private long estimate(String filters, List<Object> params) {
        // Kept under a digest of the statement and its values, not their text: a search narrowed to ids carries up
        // to 10,000 of them, and 10,000 such keys as text would be most of the heap.
        String key = digest(filters
                + params.stream()
                        .map(p -> p instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(p))
                        .collect(Collectors.joining("\u0000", "\u0000", "")));
        return estimates.get(key, k -> {
            String plan = jdbc.sql("explain select 1 from lead l where " + filters)
                    .params(params)
                    .query(String.class)
                    .list()
                    .get(0);
            Matcher rows = PLANNED_ROWS.matcher(plan);
            return rows.find() ? Long.parseLong(rows.group(1)) : 0L;
        });
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /** A number as people say an estimate: two significant digits (69,341 is "about 69,000"). */
    static long roughly(long n) {
        if (n < 100) {
            return n;
        }
        long scale = 1;
        while (n / scale >= 100) {
            scale *= 10;
        }
        return Math.round((double) n / scale) * scale;
    }

    private static LeadPage.Row row(ResultSet rs) throws SQLException {
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return new LeadPage.Row(
                rs.getLong("id"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("email"),
                rs.getString("company_name"),
                Stage.valueOf(rs.getString("stage")),
                rs.getString("source"),
                (Integer) rs.getObject("engagement_score"),
                rs.getString("owner_name"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Object[] with(List<Object> params, Object last) {
        List<Object> all = new ArrayList<>(params);
        all.add(last);
        return all.toArray();
    }

    private record Fetched(LeadPage.Row row, Object sortKey) {}

    /** Where a page starts or ends: the sort key and id of a row, opaque in the URL. */
    private record Cursor(Object key, long id) {

        static String of(Fetched row) {
            Object key = row.sortKey();
            String text =
                    key instanceof Timestamp timestamp ? timestamp.toInstant().toString() : String.valueOf(key);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((row.row().id() + ":" + text).getBytes(StandardCharsets.UTF_8));
        }

        /** A cursor that does not parse is treated as none: the list starts at the top. */
        static Cursor parse(String value, Sort sort) {
            if (value == null) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                long id = Long.parseLong(text.substring(0, colon));
                String key = text.substring(colon + 1);
                return switch (sort) {
                    case NEWEST, OLDEST -> new Cursor(Timestamp.from(Instant.parse(key)), id);
                    case COMPANY -> new Cursor(key, id);
                    case SCORE -> new Cursor(Integer.parseInt(key), id);
                };
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
