package io.leadbridge.webhook.web;

import io.leadbridge.webhook.WebhookManagement;
import io.leadbridge.webhook.WebhookManagement.Endpoint;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/deliveries/webhooks}: the webhook tab of the admin's deliveries (the mails are the other tab, the mail
 * module's) — every endpoint's deliveries, newest first, a page at a time, each with its endpoint and "send again".
 * Admins only (the security configuration).
 */
@Controller
class WebhookDeliveriesController {

    private final WebhookManagement webhooks;

    WebhookDeliveriesController(WebhookManagement webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/admin/deliveries/webhooks")
    String list(@RequestParam(required = false) Long before, Model model) {
        // At most MAX_ENDPOINTS: each row names its endpoint without a query of its own.
        Map<Long, Endpoint> endpoints =
                webhooks.endpoints().stream().collect(Collectors.toMap(Endpoint::id, Function.identity()));
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("log", webhooks.allDeliveries(before));
        model.addAttribute("before", before);
        return "webhooks/deliveries";
    }
}
