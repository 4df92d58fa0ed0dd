package io.leadbridge.funnel;

import io.leadbridge.lead.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A version of the funnel: every stage in order with its owner, its exit criteria ("definition of done") and an
 * optional response time in business hours; the response time of {@link Stage#AWAITING_ACCEPTANCE} is the handoff's
 * SLA. Past {@code escalationHours} an undecided handoff goes to the liaison. Round-robin handoffs give a rep at most
 * {@code roundRobinCapPerDay} leads a day, if set. Marketing's promise: {@code promisedQualifiedPerMonth} qualified leads
 * handed off a month, if agreed (sales' promise is the handoff's response time). A stage's name or exit criteria left empty reads as the translated
 * default.
 */
public record Funnel(
        List<StageRule> stages, int escalationHours, Integer roundRobinCapPerDay, Integer promisedQualifiedPerMonth) {

    public static final int DEFAULT_DECISION_HOURS = 24;
    public static final int DEFAULT_ESCALATION_HOURS = 48;

    /** Who owns a stage: the team that may move a lead out of it (the liaison always may). */
    public enum Owner {
        MARKETING,
        SALES,
        LIAISON
    }

    public record StageRule(Stage stage, String name, Owner owner, String exitCriteria, Integer slaHours) {

        public boolean terminal() {
            return stage.terminal();
        }
    }

    public Funnel {
        stages = List.copyOf(stages);
    }

    /** The demand waterfall: marketing owns the top, sales from the handoff on; disputes are with the liaison. */
    public static Funnel defaults() {
        List<StageRule> rules = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            rules.add(new StageRule(stage, null, defaultOwner(stage), null, defaultSla(stage)));
        }
        return new Funnel(rules, DEFAULT_ESCALATION_HOURS, null, null);
    }

    static Owner defaultOwner(Stage stage) {
        return switch (stage) {
            case NEW_INQUIRY, NURTURE, MARKETING_QUALIFIED, REJECTED, DISQUALIFIED -> Owner.MARKETING;
            case IN_DISPUTE -> Owner.LIAISON;
            default -> Owner.SALES;
        };
    }

    static Integer defaultSla(Stage stage) {
        return switch (stage) {
            case AWAITING_ACCEPTANCE -> DEFAULT_DECISION_HOURS;
            case REJECTED -> 16;
            default -> null;
        };
    }

    /**
     * This version's changes relative to {@code base}, applied to {@code onto}: each stage's name, owner, definition of
     * done and response time, and each funnel-wide setting, this version changed takes this version's value; every
     * other one keeps {@code onto}'s.
     */
    public Funnel changesOnto(Funnel base, Funnel onto) {
        List<StageRule> rules = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            StageRule b = base.rule(stage);
            StageRule m = rule(stage);
            StageRule o = onto.rule(stage);
            rules.add(new StageRule(
                    stage,
                    pick(b.name(), m.name(), o.name()),
                    pick(b.owner(), m.owner(), o.owner()),
                    pick(b.exitCriteria(), m.exitCriteria(), o.exitCriteria()),
                    pick(b.slaHours(), m.slaHours(), o.slaHours())));
        }
        return new Funnel(
                rules,
                pick(base.escalationHours, escalationHours, onto.escalationHours),
                pick(base.roundRobinCapPerDay, roundRobinCapPerDay, onto.roundRobinCapPerDay),
                pick(base.promisedQualifiedPerMonth, promisedQualifiedPerMonth, onto.promisedQualifiedPerMonth));
    }

    private static <T> T pick(T base, T mine, T onto) {
        return Objects.equals(base, mine) ? onto : mine;
    }

    public StageRule rule(Stage stage) {
        return stages.stream()
                .filter(r -> r.stage() == stage)
                .findFirst()
                .orElseGet(() -> new StageRule(stage, null, defaultOwner(stage), null, defaultSla(stage)));
    }

    public Owner owner(Stage stage) {
        return rule(stage).owner();
    }

    /** Business hours sales has to accept or reject a handoff. */
    public int decisionHours() {
        return Objects.requireNonNullElse(rule(Stage.AWAITING_ACCEPTANCE).slaHours(), DEFAULT_DECISION_HOURS);
    }
}
