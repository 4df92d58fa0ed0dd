package io.leadbridge.criteria.web;

import io.leadbridge.agreement.web.ProposalForm;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.text.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A proposal for the criteria, as the form has it (lists of departments and countries as comma-separated text). */
public class CriteriaForm implements ProposalForm {

    @Min(value = 1, message = "{validation.min}")
    @Max(value = 10_000_000, message = "{validation.max}")
    private Integer employeesMin;

    @Min(value = 1, message = "{validation.min}")
    @Max(value = 10_000_000, message = "{validation.max}")
    private Integer employeesMax;

    @NotNull(message = "{validation.required}")
    private Mode employeesMode = Mode.OFF;

    private List<@PlainText String> industries = new ArrayList<>();

    @NotNull(message = "{validation.required}")
    private Mode industriesMode = Mode.OFF;

    @Size(max = 1000, message = "{validation.size.max}")
    @PlainText
    private String departments;

    @NotNull(message = "{validation.required}")
    private Mode departmentsMode = Mode.OFF;

    @Size(max = 1000, message = "{validation.size.max}")
    @PlainText
    private String countries;

    @NotNull(message = "{validation.required}")
    private Mode countriesMode = Mode.OFF;

    @Min(value = 0, message = "{validation.min}")
    @Max(value = 100, message = "{validation.max}")
    private Integer minEngagement;

    @NotNull(message = "{validation.required}")
    private Mode engagementMode = Mode.OFF;

    @NotNull(message = "{validation.required}")
    private Mode projectPlannedMode = Mode.OFF;

    @NotNull(message = "{validation.required}")
    private Mode budgetConfirmedMode = Mode.OFF;

    @NotNull(message = "{validation.required}")
    private Horizon timelineHorizon = Horizon.THIS_YEAR;

    @NotNull(message = "{validation.required}")
    private Mode timelineMode = Mode.OFF;

    @Size(max = 1000, message = "{validation.size.max}")
    @PlainText(multiline = true)
    private String summary;

    static CriteriaForm of(Criteria c) {
        CriteriaForm form = new CriteriaForm();
        form.employeesMin = c.employeesMin();
        form.employeesMax = c.employeesMax();
        form.employeesMode = c.employeesMode();
        form.industries = new ArrayList<>(c.industries());
        form.industriesMode = c.industriesMode();
        form.departments = String.join(", ", c.departments());
        form.departmentsMode = c.departmentsMode();
        form.countries = String.join(", ", c.countries());
        form.countriesMode = c.countriesMode();
        form.minEngagement = c.minEngagement();
        form.engagementMode = c.engagementMode();
        form.projectPlannedMode = c.projectPlannedMode();
        form.budgetConfirmedMode = c.budgetConfirmedMode();
        form.timelineHorizon = c.timelineHorizon();
        form.timelineMode = c.timelineMode();
        return form;
    }

    /** Takes every setting of {@code other}; the why stays. */
    void copySettingsFrom(CriteriaForm other) {
        String why = summary;
        employeesMin = other.employeesMin;
        employeesMax = other.employeesMax;
        employeesMode = other.employeesMode;
        industries = new ArrayList<>(other.industries);
        industriesMode = other.industriesMode;
        departments = other.departments;
        departmentsMode = other.departmentsMode;
        countries = other.countries;
        countriesMode = other.countriesMode;
        minEngagement = other.minEngagement;
        engagementMode = other.engagementMode;
        projectPlannedMode = other.projectPlannedMode;
        budgetConfirmedMode = other.budgetConfirmedMode;
        timelineHorizon = other.timelineHorizon;
        timelineMode = other.timelineMode;
        summary = why;
    }

    Criteria toCriteria() {
        return new Criteria(
                employeesMin,
                employeesMax,
                employeesMode,
                industries,
                industriesMode,
                split(departments, false),
                departmentsMode,
                split(countries, true),
                countriesMode,
                minEngagement,
                engagementMode,
                projectPlannedMode,
                budgetConfirmedMode,
                timelineHorizon,
                timelineMode);
    }

    static List<String> split(String text, boolean upperCase) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> upperCase ? s.toUpperCase(Locale.ROOT) : s)
                .distinct()
                .toList();
    }

    public Integer getEmployeesMin() {
        return employeesMin;
    }

    public void setEmployeesMin(Integer employeesMin) {
        this.employeesMin = employeesMin;
    }

    public Integer getEmployeesMax() {
        return employeesMax;
    }

    public void setEmployeesMax(Integer employeesMax) {
        this.employeesMax = employeesMax;
    }

    public Mode getEmployeesMode() {
        return employeesMode;
    }

    public void setEmployeesMode(Mode employeesMode) {
        this.employeesMode = employeesMode;
    }

    public List<String> getIndustries() {
        return industries;
    }

    public void setIndustries(List<String> industries) {
        this.industries = industries == null ? new ArrayList<>() : industries;
    }

    public Mode getIndustriesMode() {
        return industriesMode;
    }

    public void setIndustriesMode(Mode industriesMode) {
        this.industriesMode = industriesMode;
    }

    public String getDepartments() {
        return departments;
    }

    public void setDepartments(String departments) {
        this.departments = departments;
    }

    public Mode getDepartmentsMode() {
        return departmentsMode;
    }

    public void setDepartmentsMode(Mode departmentsMode) {
        this.departmentsMode = departmentsMode;
    }

    public String getCountries() {
        return countries;
    }

    public void setCountries(String countries) {
        this.countries = countries;
    }

    public Mode getCountriesMode() {
        return countriesMode;
    }

    public void setCountriesMode(Mode countriesMode) {
        this.countriesMode = countriesMode;
    }

    public Integer getMinEngagement() {
        return minEngagement;
    }

    public void setMinEngagement(Integer minEngagement) {
        this.minEngagement = minEngagement;
    }

    public Mode getEngagementMode() {
        return engagementMode;
    }

    public void setEngagementMode(Mode engagementMode) {
        this.engagementMode = engagementMode;
    }

    public Mode getProjectPlannedMode() {
        return projectPlannedMode;
    }

    public void setProjectPlannedMode(Mode projectPlannedMode) {
        this.projectPlannedMode = projectPlannedMode;
    }

    public Mode getBudgetConfirmedMode() {
        return budgetConfirmedMode;
    }

    public void setBudgetConfirmedMode(Mode budgetConfirmedMode) {
        this.budgetConfirmedMode = budgetConfirmedMode;
    }

    public Horizon getTimelineHorizon() {
        return timelineHorizon;
    }

    public void setTimelineHorizon(Horizon timelineHorizon) {
        this.timelineHorizon = timelineHorizon;
    }

    public Mode getTimelineMode() {
        return timelineMode;
    }

    public void setTimelineMode(Mode timelineMode) {
        this.timelineMode = timelineMode;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }
}
