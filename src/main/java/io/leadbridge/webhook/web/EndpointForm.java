package io.leadbridge.webhook.web;

import io.leadbridge.text.PlainText;
import io.leadbridge.webhook.WebhookEvent;
import io.leadbridge.webhook.WebhookManagement;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/** An admin registers an endpoint: where to send, what for, and which events. */
public class EndpointForm {

    @NotBlank(message = "{validation.required}")
    @Size(max = WebhookManagement.URL_MAX, message = "{validation.size.max}")
    @PlainText
    private String url;

    @Size(max = WebhookManagement.DESCRIPTION_MAX, message = "{validation.size.max}")
    @PlainText
    private String description;

    @NotEmpty(message = "{webhooks.events.required}")
    private List<WebhookEvent> events = new ArrayList<>();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<WebhookEvent> getEvents() {
        return events;
    }

    public void setEvents(List<WebhookEvent> events) {
        this.events = events == null ? new ArrayList<>() : events;
    }
}
