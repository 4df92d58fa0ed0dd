package io.leadbridge.criteria.web;

import io.leadbridge.criteria.Criteria;
import java.util.LinkedHashMap;
import java.util.Map;

/** The proposal form's fields as a browser sends them for a version of the criteria (one industry at most). */
final class CriteriaForms {

    private CriteriaForms() {}

    static Map<String, String> of(Criteria c) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(
                "employeesMin", c.employeesMin() == null ? "" : c.employeesMin().toString());
        form.put(
                "employeesMax", c.employeesMax() == null ? "" : c.employeesMax().toString());
        form.put("employeesMode", c.employeesMode().name());
        if (!c.industries().isEmpty()) {
            form.put("industries", c.industries().get(0));
        }
        form.put("industriesMode", c.industriesMode().name());
        form.put("departments", String.join(", ", c.departments()));
        form.put("departmentsMode", c.departmentsMode().name());
        form.put("countries", String.join(", ", c.countries()));
        form.put("countriesMode", c.countriesMode().name());
        form.put(
                "minEngagement",
                c.minEngagement() == null ? "" : c.minEngagement().toString());
        form.put("engagementMode", c.engagementMode().name());
        form.put("projectPlannedMode", c.projectPlannedMode().name());
        form.put("budgetConfirmedMode", c.budgetConfirmedMode().name());
        form.put("timelineHorizon", c.timelineHorizon().name());
        form.put("timelineMode", c.timelineMode().name());
        return form;
    }
}
