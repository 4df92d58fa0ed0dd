package io.leadbridge.criteria;

import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The criteria as SQL over {@code lead_record l} (the lead module's published view of its leads): one boolean
 * expression per active criterion (never NULL), and from them whether the lead qualifies and its score. The one place the rules are written, so the list, the lead page, the
 * re-evaluation and the what-if can never disagree.
 */
final class CriteriaSql {

    final Map<Criterion, String> met = new LinkedHashMap<>();
    final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Criteria criteria;

    CriteriaSql(Criteria criteria, String prefix) {
        this.criteria = criteria;
        for (Criterion criterion : criteria.active()) {
            met.put(criterion, "coalesce(" + expression(criterion, prefix) + ", false)");
        }
    }

    private String expression(Criterion criterion, String prefix) {
        String p = ":" + prefix;
        return switch (criterion) {
            case EMPLOYEES -> {
                List<String> parts = new ArrayList<>();
                parts.add("l.employees is not null");
                if (criteria.employeesMin() != null) {
                    parameters.put(prefix + "employeesMin", criteria.employeesMin());
                    parts.add("l.employees >= " + p + "employeesMin");
                }
                if (criteria.employeesMax() != null) {
                    parameters.put(prefix + "employeesMax", criteria.employeesMax());
                    parts.add("l.employees <= " + p + "employeesMax");
                }
                yield "(" + String.join(" and ", parts) + ")";
            }
            case INDUSTRY -> {
                parameters.put(prefix + "industries", criteria.industries().toArray(String[]::new));
                yield "l.industry = any(" + p + "industries)";
            }
            case DEPARTMENT -> {
                parameters.put(
                        prefix + "departments",
                        criteria.departments().stream()
                                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                                .toArray(String[]::new));
                yield "lower(l.department) = any(" + p + "departments)";
            }
            case COUNTRY -> {
                parameters.put(prefix + "countries", criteria.countries().toArray(String[]::new));
                yield "l.country = any(" + p + "countries)";
            }
            case ENGAGEMENT -> {
                parameters.put(prefix + "minEngagement", criteria.minEngagement());
                yield "l.engagement_score >= " + p + "minEngagement";
            }
            case PROJECT_PLANNED -> "l.project_planned";
            case BUDGET_CONFIRMED -> "l.budget_confirmed";
            case TIMELINE -> {
                parameters.put(
                        prefix + "timelines",
                        criteria.timelineHorizon().timelines().toArray(String[]::new));
                yield "l.purchase_timeline = any(" + p + "timelines)";
            }
        };
    }

    /** True when every required criterion is met (and when none is required). */
    String qualified() {
        List<String> required = new ArrayList<>();
        met.forEach((criterion, expression) -> {
            if (criteria.mode(criterion) == Mode.REQUIRED) {
                required.add(expression);
            }
        });
        return required.isEmpty() ? "true" : "(" + String.join(" and ", required) + ")";
    }

    /** The share of active criteria met, 0–100 (100 when none is active). */
    String score() {
        if (met.isEmpty()) {
            return "100";
        }
        List<String> counts = met.values().stream().map(e -> "(" + e + ")::int").toList();
        return "(100 * (" + String.join(" + ", counts) + ") / " + met.size() + ")";
    }

    /**
     * Which active criteria the lead meets, as one integer: bit {@code i} for the {@code i}-th active criterion (in the
     * order of {@link #met}). Each criterion's expression is computed once, where {@link #qualified()}, {@link #score()}
     * and {@link #metObject()} together compute each several times and build a JSON object per lead; the outcome that
     * follows from the bits is looked up in {@link #outcomes()}.
     */
    String bits() {
        if (met.isEmpty()) {
            return "0";
        }
        List<String> bits = new ArrayList<>();
        int i = 0;
        for (String expression : met.values()) {
            bits.add("((" + expression + ")::int << " + i++ + ")");
        }
        return "(" + String.join(" | ", bits) + ")";
    }

    /**
     * The outcome for each value of {@link #bits()} (index {@code bits}), the same that {@link #qualified()}, {@link
     * #score()} and {@link #metObject()} compute: at most 2⁸ entries, one per combination of the active criteria.
     */
    Outcomes outcomes() {
        List<Criterion> active = List.copyOf(met.keySet());
        int combinations = 1 << active.size();
        Boolean[] qualified = new Boolean[combinations];
        Integer[] score = new Integer[combinations];
        String[] metObject = new String[combinations];
        for (int bits = 0; bits < combinations; bits++) {
            boolean all = true;
            int count = 0;
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                boolean isMet = (bits & (1 << i)) != 0;
                count += isMet ? 1 : 0;
                all &= isMet || criteria.mode(active.get(i)) != Mode.REQUIRED;
                pairs.add("\"" + active.get(i).name() + "\": " + isMet);
            }
            qualified[bits] = all;
            score[bits] = active.isEmpty() ? 100 : 100 * count / active.size();
            metObject[bits] = "{" + String.join(", ", pairs) + "}";
        }
        return new Outcomes(qualified, score, metObject);
    }

    /** Whether a lead qualifies, its score and its criteria met (JSON), by the bits of its criteria met. */
    record Outcomes(Boolean[] qualified, Integer[] score, String[] met) {}

    /** Each active criterion met or not, as a JSON object. */
    String metObject() {
        if (met.isEmpty()) {
            return "'{}'::jsonb";
        }
        List<String> pairs = new ArrayList<>();
        met.forEach((criterion, expression) -> pairs.add("'" + criterion.name() + "', " + expression));
        return "jsonb_build_object(" + String.join(", ", pairs) + ")";
    }
}
