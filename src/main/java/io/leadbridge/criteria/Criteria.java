package io.leadbridge.criteria;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
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

    /**
     * This version's changes relative to {@code base}, applied to {@code onto}: each setting this version changed
     * takes this version's value, every other one keeps {@code onto}'s. (Lists are compared as sets: their order
     * means nothing.)
     */
    public Criteria changesOnto(Criteria base, Criteria onto) {
        return new Criteria(
                pick(base.employeesMin, employeesMin, onto.employeesMin),
                pick(base.employeesMax, employeesMax, onto.employeesMax),
                pick(base.employeesMode, employeesMode, onto.employeesMode),
                pickList(base.industries, industries, onto.industries),
                pick(base.industriesMode, industriesMode, onto.industriesMode),
                pickList(base.departments, departments, onto.departments),
                pick(base.departmentsMode, departmentsMode, onto.departmentsMode),
                pickList(base.countries, countries, onto.countries),
                pick(base.countriesMode, countriesMode, onto.countriesMode),
                pick(base.minEngagement, minEngagement, onto.minEngagement),
                pick(base.engagementMode, engagementMode, onto.engagementMode),
                pick(base.projectPlannedMode, projectPlannedMode, onto.projectPlannedMode),
                pick(base.budgetConfirmedMode, budgetConfirmedMode, onto.budgetConfirmedMode),
                pick(base.timelineHorizon, timelineHorizon, onto.timelineHorizon),
                pick(base.timelineMode, timelineMode, onto.timelineMode));
    }

    private static <T> T pick(T base, T mine, T onto) {
        return Objects.equals(base, mine) ? onto : mine;
    }

    private static List<String> pickList(List<String> base, List<String> mine, List<String> onto) {
        return sameItems(base, mine) ? onto : mine;
    }

    /** Whether two lists hold the same entries, in whatever order. */
    static boolean sameItems(List<String> a, List<String> b) {
        return new TreeSet<>(a).equals(new TreeSet<>(b));
    }

    /** Whether the criterion asks for the same thing in both versions (lists in whatever order). */
    public boolean sameExpectation(Criterion criterion, Criteria other) {
        return switch (criterion) {
            case INDUSTRY -> sameItems(industries, other.industries);
            case DEPARTMENT -> sameItems(departments, other.departments);
            case COUNTRY -> sameItems(countries, other.countries);
            default -> Objects.equals(expectation(criterion), other.expectation(criterion));
        };
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
