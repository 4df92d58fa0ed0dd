package io.leadbridge.privacy.web;

import io.leadbridge.privacy.RetentionManagement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalTime;

/** The retention setting's form: on or off, after how many months, and the daily run's time of day. */
public class RetentionForm {

    private boolean enabled;

    @NotNull(message = "{validation.required}")
    @Min(value = RetentionManagement.MIN_MONTHS, message = "{retention.monthsRange}")
    @Max(value = RetentionManagement.MAX_MONTHS, message = "{retention.monthsRange}")
    private Integer months;

    @NotBlank(message = "{validation.required}")
    @Pattern(regexp = "^$|([01][0-9]|2[0-3]):[0-5][0-9]", message = "{retention.runAtFormat}")
    private String runAt;

    /** The setting's version the form was opened on (-1: none yet). */
    @NotNull(message = "{validation.required}")
    private Integer version;

    static RetentionForm of(RetentionManagement.Settings settings) {
        RetentionForm form = new RetentionForm();
        form.enabled = settings.enabled();
        form.months = settings.months();
        form.runAt = settings.runAt().toString();
        form.version = settings.version();
        return form;
    }

    LocalTime runAtTime() {
        return LocalTime.parse(runAt);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMonths() {
        return months;
    }

    public void setMonths(Integer months) {
        this.months = months;
    }

    public String getRunAt() {
        return runAt;
    }

    public void setRunAt(String runAt) {
        this.runAt = runAt;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
