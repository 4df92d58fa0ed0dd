package io.leadbridge.goal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.goal.web.GoalController.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The goal form names the period it was filled from by its first day, so a form opened before a period ends and saved
 * after it can never overwrite the goal of a period its admin has not seen.
 */
class GoalFormPeriodTests {

    @Test
    void nextQuarterOpenedOnTheLastDayOfAQuarterIsAnotherPeriodTheDayAfter() {
        Period next = Period.of("QUARTER", "next");
        String opened = next.token(LocalDate.of(2026, 9, 30));
        String saved = next.token(LocalDate.of(2026, 10, 1));

        assertThat(opened).isEqualTo("QUARTER:2026-10-01");
        assertThat(saved).isEqualTo("QUARTER:2027-01-01");
        assertThat(saved).isNotEqualTo(opened);
    }

    @Test
    void theCurrentMonthIsTheSamePeriodAllMonthLong() {
        Period current = Period.of("MONTH", "current");

        assertThat(current.token(LocalDate.of(2026, 12, 1))).isEqualTo(current.token(LocalDate.of(2026, 12, 31)));
        assertThat(current.token(LocalDate.of(2027, 1, 1))).isEqualTo("MONTH:2027-01-01");
    }
}
