package io.leadbridge.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint may subscribe to, with the {@code type} its payload carries. */
public enum WebhookEvent {
    LEAD_HANDED_OFF("lead.handed_off"),
    HANDOFF_ACCEPTED("handoff.accepted"),
    HANDOFF_REJECTED("handoff.rejected"),
    DISPUTE_DECIDED("dispute.decided"),
    LEAD_WON("lead.won"),
    LEAD_LOST("lead.lost"),
    CRITERIA_ACTIVATED("criteria.activated");

    /** The type of the test event an admin sends by hand; no endpoint subscribes to it. */
    public static final String TEST_TYPE = "webhook.test";

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    /** The payload's {@code type}, e.g. {@code handoff.accepted}. */
    public String type() {
        return type;
    }

    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }
}
