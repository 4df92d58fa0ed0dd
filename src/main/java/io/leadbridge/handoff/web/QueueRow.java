package io.leadbridge.handoff.web;

import java.util.List;

/**
 * One row of the rep's queue as the template writes it: every text formatted, every link built and every class chosen
 * once, in Java, for the reader's language and the workspace's time zone ({@link QueueRows}). The row's template is then
 * a plain copy of these values: Thymeleaf's cost is per expression, and the queue has 25 rows of them.
 *
 * <p>{@code details} are the parts after the company ("· Software", "· 19 employees", "· PL"); {@code handedBy} is the
 * marketer's name, or who handed it back or reassigned it; {@code firstHandedOff} is then who first handed it off
 * (null for a first handoff). The clock: {@code overdueSince} (null unless overdue), {@code timeLeft} with its class,
 * {@code dueAt} and its title (null when overdue).
 */
public record QueueRow(
        long leadId,
        long version,
        String domId,
        String css,
        String leadUrl,
        String acceptUrl,
        String rejectUrl,
        String rejectAction,
        String leadName,
        String companyName,
        List<String> details,
        String qualifiedCss,
        String qualifiedText,
        String score,
        boolean override,
        String overrideReason,
        String handedBack,
        String handedBy,
        String handedAt,
        String firstHandedOff,
        String urgency,
        String overdueSince,
        boolean dueSoon,
        String timeLeftCss,
        String timeLeft,
        String dueAt,
        String dueAtTitle,
        boolean escalated) {}
