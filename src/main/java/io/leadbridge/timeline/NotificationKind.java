package io.leadbridge.timeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a notification is about, as a person chooses how to hear of it: each message key of a notification belongs to
 * exactly one kind, and each kind has the delivery a sales or marketing person would choose before changing anything
 * (a lead handed to you: at once; proposals: in the daily digest).
 */
public enum NotificationKind {
    HANDED_TO_YOU(Delivery.INSTANT, "notification.handedToYou", "notification.handedBack"),
    DUE(Delivery.INSTANT, "notification.dueSoon", "notification.slaBreached"),
    ESCALATED(Delivery.INSTANT, "notification.escalated"),
    DECISION(
            Delivery.INSTANT,
            "notification.handoffAccepted",
            "notification.handoffRejected",
            "notification.acceptUndone",
            "notification.rejectUndone",
            "notification.returnedToMarketing"),
    DISPUTE(
            Delivery.INSTANT,
            "notification.disputeOpened",
            "notification.disputeUpheld",
            "notification.disputeOverturned"),
    PROPOSAL(
            Delivery.DIGEST,
            "notification.proposalWaiting",
            "notification.proposalApproved",
            "notification.proposalDeclined",
            "notification.proposalOutdated",
            "notification.proposalWaitingFunnel",
            "notification.proposalApprovedFunnel",
            "notification.proposalDeclinedFunnel",
            "notification.proposalOutdatedFunnel",
            "notification.criteriaEvidence"),
    MENTION(Delivery.INSTANT, "notification.mentioned"),
    RE_ENGAGED(Delivery.DIGEST, "notification.reEngaged", "notification.reEngagedMany"),
    WORKSPACE(Delivery.INSTANT, "notification.webhookDisabled");

    /** How a person hears of a kind of notification besides the bell. */
    public enum Delivery {
        /** A mail at once. */
        INSTANT,
        /** One mail a day gathering them. */
        DIGEST,
        /** Only the bell. */
        APP_ONLY
    }

    private static final Map<String, NotificationKind> BY_KEY = Arrays.stream(values())
            .flatMap(kind -> kind.messageKeys.stream().map(key -> Map.entry(key, kind)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private static final Map<String, NotificationKind> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final Delivery defaultDelivery;
    private final List<String> messageKeys;

    NotificationKind(Delivery defaultDelivery, String... messageKeys) {
        this.defaultDelivery = defaultDelivery;
        this.messageKeys = List.of(messageKeys);
    }

    public Delivery defaultDelivery() {
        return defaultDelivery;
    }

    public List<String> messageKeys() {
        return messageKeys;
    }

    /** The kind of a notification's message key; empty for a key no kind names. */
    public static Optional<NotificationKind> of(String messageKey) {
        return Optional.ofNullable(BY_KEY.get(messageKey));
    }

    /** The kind of that name, for names that come from outside (a form, a signed link). */
    public static Optional<NotificationKind> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
