package io.leadbridge.goal.web;

import io.leadbridge.goal.GoalManagement.Goal;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.tenant.Formats;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The names of goal periods as the reader says them, for the templates as {@code @goalPeriods}: "Dezember 2026",
 * "Q4 2026 (1. Okt. – 31. Dez. 2026)", "December 2026", "Q4 2026 (Oct 1 – Dec 31, 2026)".
 */
@Component("goalPeriods")
public class GoalPeriods {

    private final MessageSource messages;
    private final Formats formats;

    GoalPeriods(MessageSource messages, Formats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** The full name of the period that starts on {@code start}: the month, or the quarter with its days. */
    public String name(PeriodKind kind, LocalDate start) {
        if (kind == PeriodKind.MONTH) {
            return formats.month(start);
        }
        LocalDate last = kind.end(start).minusDays(1);
        return message("goal.quarterName", quarter(start), start.getYear(), formats.dateRange(start, last));
    }

    public String name(Goal goal) {
        return name(goal.kind(), goal.start());
    }

    /** The short name: the month, or the quarter without its days. */
    public String shortName(Goal goal) {
        return goal.kind() == PeriodKind.MONTH
                ? formats.month(goal.start())
                : message(
                        "goal.quarterShort", quarter(goal.start()), goal.start().getYear());
    }

    /** The switch's label of a goal: "Quarter: Q4 2026". */
    public String switchLabel(Goal goal) {
        return message("goal.switchLabel", message("goal.kind." + goal.kind()), shortName(goal));
    }

    private static int quarter(LocalDate start) {
        return (start.getMonthValue() - 1) / 3 + 1;
    }

    private String message(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
