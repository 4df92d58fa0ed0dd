package io.leadbridge.goal.web;

import io.leadbridge.goal.GoalManagement.Goal;
import io.leadbridge.goal.web.GoalFigures.Amount;
import io.leadbridge.goal.web.GoalFigures.Percent;
import io.leadbridge.tenant.Formats;
import io.leadbridge.web.FormValues;
import java.math.BigDecimal;

/**
 * The admin's goal form: the period it was filled from ({@code loaded}, see {@link GoalController.Period#token}) and
 * the goal's version then, the figures as typed, and the period chosen now.
 */
public class GoalForm {

    private String kind = "QUARTER";
    private String period = "current";
    private String loaded;
    private String version;

    @Amount(positive = true, message = "{goal.targetInvalid}")
    private String target;

    @Amount(blankIsZero = true, message = "{goal.poolInvalid}")
    private String bonusPool;

    @Percent(message = "{goal.shareInvalid}")
    private String marketingShare;

    private String action;

    /** The form for a period, filled with its goal (empty when none is set). */
    static GoalForm of(Goal set, Formats formats) {
        GoalForm form = new GoalForm();
        form.target = set == null ? "" : formats.amountInput(set.target());
        form.bonusPool = set == null ? "" : formats.amountInput(set.bonusPool());
        form.marketingShare = set == null ? "" : Integer.toString(set.marketingSharePercent());
        form.version = set == null ? "" : Long.toString(set.version());
        return form;
    }

    BigDecimal targetAmount() {
        return FormValues.amount(target);
    }

    BigDecimal pool() {
        return bonusPool == null || bonusPool.isBlank() ? BigDecimal.ZERO : FormValues.amount(bonusPool);
    }

    Integer share() {
        return GoalFigures.percent(marketingShare);
    }

    /** The version of the goal the admin saw: null for none set, -1 (no goal's) for a version that is no number. */
    Long expectedVersion() {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            return -1L; // no goal has it: the save is refused as a change made meanwhile
        }
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public String getLoaded() {
        return loaded;
    }

    public void setLoaded(String loaded) {
        this.loaded = loaded;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getBonusPool() {
        return bonusPool;
    }

    public void setBonusPool(String bonusPool) {
        this.bonusPool = bonusPool;
    }

    public String getMarketingShare() {
        return marketingShare;
    }

    public void setMarketingShare(String marketingShare) {
        this.marketingShare = marketingShare;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }
}
