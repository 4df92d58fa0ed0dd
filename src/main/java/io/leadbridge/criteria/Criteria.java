package io.leadbridge.criteria;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * One version of the criteria of a good lead. Each criterion is REQUIRED (a qualified lead must meet it),
 * NICE (counts towards the score) or OFF; an empty allow-list or an unset bound switches its criterion off.
 */
public record Criteria(
        Integer employeesMin,
        Integer employeesMax,
        Mode employeesMode,
        List<String> industries,
        Mode industriesMode,
        List<String> departments,
        Mode departmentsMode,
        List<String> countries,
        Mode countriesMode,
        Integer minEngagement,
        Mode engagementMode,
        Mode projectPlannedMode,
        Mode budgetConfirmedMode,
        Horizon timelineHorizon,
        Mode timelineMode) {

    public enum Mode {
        REQUIRED,
        NICE,
        OFF
    }

    /** The latest purchase timeline that still meets the readiness criterion. */
    public enum Horizon {
        NOW,
        THIS_QUARTER,
        THIS_YEAR;

        /** The purchase timelines (of a lead) that are no later than this horizon. */
        List<String> timelines() {
            List<String> within = new ArrayList<>();
            for (Horizon h : values()) {
                if (h.ordinal() <= ordinal()) {
                    within.add(h.name());
                }
            }
            return within;
        }
    }

    /** The criteria, in the order pages show them. */
    public enum Criterion {
        EMPLOYEES,
        INDUSTRY,
        DEPARTMENT,
        COUNTRY,
        ENGAGEMENT,
        PROJECT_PLANNED,
        BUDGET_CONFIRMED,
        TIMELINE
    }

    public Criteria {
        industries = industries == null ? List.of() : List.copyOf(industries);
        departments = departments == null ? List.of() : List.copyOf(departments);
        countries = countries == null ? List.of() : List.copyOf(countries);
        employeesMode = employeesMode == null ? Mode.OFF : employeesMode;
        industriesMode = industriesMode == null ? Mode.OFF : industriesMode;
        departmentsMode = departmentsMode == null ? Mode.OFF : departmentsMode;
        countriesMode = countriesMode == null ? Mode.OFF : countriesMode;
        engagementMode = engagementMode == null ? Mode.OFF : engagementMode;
        projectPlannedMode = projectPlannedMode == null ? Mode.OFF : projectPlannedMode;
        budgetConfirmedMode = budgetConfirmedMode == null ? Mode.OFF : budgetConfirmedMode;
        timelineHorizon = timelineHorizon == null ? Horizon.THIS_YEAR : timelineHorizon;
        timelineMode = timelineMode == null ? Mode.OFF : timelineMode;
    }

    /** What a new workspace starts with: a size range and a purchase horizon required, interest nice to have. */
    public static Criteria defaults() {
        return new Criteria(
                50,
                5000,
                Mode.REQUIRED,
                List.of(),
                Mode.OFF,
                List.of(),
                Mode.OFF,
                List.of(),
                Mode.OFF,
                30,
                Mode.NICE,
                Mode.NICE,
                Mode.NICE,
                Horizon.THIS_YEAR,
                Mode.REQUIRED);
    }

    /** How a criterion counts, {@code OFF} when it is switched off or has nothing to check. */
    public Mode mode(Criterion criterion) {
        return switch (criterion) {
            case EMPLOYEES -> employeesMin == null && employeesMax == null ? Mode.OFF : employeesMode;
            case INDUSTRY -> industries.isEmpty() ? Mode.OFF : industriesMode;
            case DEPARTMENT -> departments.isEmpty() ? Mode.OFF : departmentsMode;
            case COUNTRY -> countries.isEmpty() ? Mode.OFF : countriesMode;
            case ENGAGEMENT -> minEngagement == null ? Mode.OFF : engagementMode;
            case PROJECT_PLANNED -> projectPlannedMode;
            case BUDGET_CONFIRMED -> budgetConfirmedMode;
            case TIMELINE -> timelineMode;
        };
    }

    public List<Criterion> active() {
        List<Criterion> active = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            if (mode(criterion) != Mode.OFF) {
                active.add(criterion);
            }
        }
        return active;
    }

    /** What the criterion asks for, in words the pages put into their own sentences. */
    public String expectation(Criterion criterion) {
        NumberFormat number = NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale());
        return switch (criterion) {
            case EMPLOYEES ->
                employeesMin == null
                        ? "≤ " + number.format(employeesMax)
                        : employeesMax == null
                                ? "≥ " + number.format(employeesMin)
                                : number.format(employeesMin) + "–" + number.format(employeesMax);
            case INDUSTRY -> String.join(", ", industries);
            case DEPARTMENT -> String.join(", ", departments);
            case COUNTRY -> String.join(", ", countries);
            case ENGAGEMENT -> "≥ " + minEngagement;
            case PROJECT_PLANNED, BUDGET_CONFIRMED -> "";
            case TIMELINE -> timelineHorizon.name();
        };
    }
}
