package io.leadbridge.funnel.web;

import io.leadbridge.agreement.web.ProposalForm;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.Funnel.Owner;
import io.leadbridge.funnel.Funnel.StageRule;
import io.leadbridge.lead.Stage;
import io.leadbridge.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/** The proposal form: every stage's name, owner, exit criteria and response time, and the funnel-wide settings. */
public class FunnelForm implements ProposalForm {

    @Valid
    private List<StageRow> stages = new ArrayList<>();

    @NotNull(message = "{validation.required}")
    @Min(value = 1, message = "{validation.min}")
    @Max(value = 2000, message = "{validation.max}")
    private Integer escalationHours;

    @Min(value = 1, message = "{validation.min}")
    @Max(value = 1000, message = "{validation.max}")
    private Integer roundRobinCap;

    @Min(value = 1, message = "{validation.min}")
    @Max(value = 100000, message = "{validation.max}")
    private Integer promisedQualified;

    @Size(max = 1000, message = "{validation.size.max}")
    @PlainText(multiline = true)
    private String summary;

    public Integer getPromisedQualified() {
        return promisedQualified;
    }

    public void setPromisedQualified(Integer promisedQualified) {
        this.promisedQualified = promisedQualified;
    }

    public static class StageRow {
        @NotNull(message = "{validation.required}")
        private Stage stage;

        @Size(max = 60, message = "{validation.size.max}")
        @PlainText
        private String name;

        @NotNull(message = "{validation.required}")
        private Owner owner;

        @Size(max = 1000, message = "{validation.size.max}")
        @PlainText(multiline = true)
        private String exitCriteria;

        @Min(value = 1, message = "{validation.min}")
        @Max(value = 2000, message = "{validation.max}")
        private Integer slaHours;

        public Stage getStage() {
            return stage;
        }

        public void setStage(Stage stage) {
            this.stage = stage;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Owner getOwner() {
            return owner;
        }

        public void setOwner(Owner owner) {
            this.owner = owner;
        }

        public String getExitCriteria() {
            return exitCriteria;
        }

        public void setExitCriteria(String exitCriteria) {
            this.exitCriteria = exitCriteria;
        }

        public Integer getSlaHours() {
            return slaHours;
        }

        public void setSlaHours(Integer slaHours) {
            this.slaHours = slaHours;
        }
    }

    static FunnelForm of(Funnel funnel) {
        FunnelForm form = new FunnelForm();
        for (Stage stage : Stage.values()) {
            StageRule rule = funnel.rule(stage);
            StageRow row = new StageRow();
            row.setStage(stage);
            row.setName(rule.name());
            row.setOwner(rule.owner());
            row.setExitCriteria(rule.exitCriteria());
            row.setSlaHours(rule.slaHours());
            form.stages.add(row);
        }
        form.setEscalationHours(funnel.escalationHours());
        form.setRoundRobinCap(funnel.roundRobinCapPerDay());
        form.setPromisedQualified(funnel.promisedQualifiedPerMonth());
        return form;
    }

    /** Takes every setting of {@code other}; the why stays. */
    void copySettingsFrom(FunnelForm other) {
        stages = other.stages;
        escalationHours = other.escalationHours;
        roundRobinCap = other.roundRobinCap;
        promisedQualified = other.promisedQualified;
    }

    Funnel toFunnel() {
        List<StageRule> rules = stages.stream()
                .map(row -> new StageRule(
                        row.getStage(),
                        blankToNull(row.getName()),
                        row.getOwner(),
                        blankToNull(row.getExitCriteria()),
                        row.getSlaHours()))
                .toList();
        return new Funnel(rules, escalationHours, roundRobinCap, promisedQualified);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public List<StageRow> getStages() {
        return stages;
    }

    public void setStages(List<StageRow> stages) {
        this.stages = stages;
    }

    public Integer getEscalationHours() {
        return escalationHours;
    }

    public void setEscalationHours(Integer escalationHours) {
        this.escalationHours = escalationHours;
    }

    public Integer getRoundRobinCap() {
        return roundRobinCap;
    }

    public void setRoundRobinCap(Integer roundRobinCap) {
        this.roundRobinCap = roundRobinCap;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }
}
