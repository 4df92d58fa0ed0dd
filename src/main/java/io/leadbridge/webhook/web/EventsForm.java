package io.leadbridge.webhook.web;

import io.leadbridge.webhook.WebhookEvent;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.List;

/** The events an endpoint wants, changed on its page; {@code version} is the endpoint as the admin saw it. */
public class EventsForm {

    @NotEmpty(message = "{webhooks.events.required}")
    private List<WebhookEvent> events = new ArrayList<>();

    private long version;

    public List<WebhookEvent> getEvents() {
        return events;
    }

    public void setEvents(List<WebhookEvent> events) {
        this.events = events == null ? new ArrayList<>() : events;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
