package io.leadbridge.webhook.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.webhook.WebhookEvent;
import io.leadbridge.webhook.WebhookManagement;
import io.leadbridge.webhook.WebhookManagement.Endpoint;
import io.leadbridge.webhook.WebhookManagement.Secret;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/webhooks}: the workspace's endpoints (register, secret shown once, rotate, events, disable/enable,
 * delete) and each one's delivery log with "send again" and a test event. Admins only (the security configuration);
 * another workspace's ids answer 404.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhooksController {

    private final WebhookManagement webhooks;

    WebhooksController(WebhookManagement webhooks) {
        this.webhooks = webhooks;
    }

    @ModelAttribute("allEvents")
    List<WebhookEvent> allEvents() {
        return List.of(WebhookEvent.values());
    }

    @GetMapping
    String list(@ModelAttribute("form") EndpointForm form, Model model) {
        model.addAttribute("endpoints", webhooks.endpoints());
        return "webhooks/list";
    }

    @PostMapping
    String register(
            @Valid @ModelAttribute("form") EndpointForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("url")) {
            Optional<String> problem = webhooks.urlProblem(form.getUrl());
            problem.ifPresent(key -> errors.rejectValue("url", key));
        }
        if (!webhooks.roomForAnother()) {
            errors.reject("webhooks.tooMany", new Object[] {WebhookManagement.MAX_ENDPOINTS}, null);
        }
        if (errors.hasErrors()) {
            model.addAttribute("endpoints", webhooks.endpoints());
            return "webhooks/list";
        }
        Secret secret = webhooks.register(form.getUrl(), form.getDescription(), form.getEvents(), admin.accountId());
        return showOnce(secret, redirect);
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @RequestParam(required = false) Long before, Model model) {
        Endpoint endpoint = webhooks.endpoint(id);
        if (!model.containsAttribute("eventsForm")) {
            EventsForm form = new EventsForm();
            form.setEvents(endpoint.events().stream()
                    .map(WebhookEvent::ofType)
                    .flatMap(Optional::stream)
                    .toList());
            form.setVersion(endpoint.version());
            model.addAttribute("eventsForm", form);
        }
        return detail(endpoint, before, model);
    }

    private String detail(Endpoint endpoint, Long before, Model model) {
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("log", webhooks.deliveries(endpoint.id(), before));
        model.addAttribute("before", before);
        return "webhooks/detail";
    }

    /** The secret just created or rotated, shown once: only right after the redirect, never cached. */
    @GetMapping("/{id}/secret")
    String secret(@PathVariable long id, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("endpoint", webhooks.endpoint(id));
        if (!model.containsAttribute("secret")) {
            model.addAttribute("secret", null);
        }
        return "webhooks/secret";
    }

    @PostMapping("/{id}/rotate")
    String rotate(@PathVariable long id, RedirectAttributes redirect) {
        return showOnce(webhooks.rotateSecret(id), redirect);
    }

    @PostMapping("/{id}/events")
    String events(
            @PathVariable long id,
            @Valid @ModelAttribute("eventsForm") EventsForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        Endpoint endpoint = webhooks.endpoint(id);
        if (errors.hasErrors()) {
            return detail(endpoint, null, model);
        }
        if (!webhooks.changeEvents(id, form.getEvents(), form.getVersion())) {
            redirect.addFlashAttribute("flashError", "webhooks.changedMeanwhile");
        } else {
            redirect.addFlashAttribute("flashSuccess", "webhooks.eventsSaved");
        }
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable long id, RedirectAttributes redirect) {
        webhooks.disable(id);
        redirect.addFlashAttribute("flashSuccess", "webhooks.disabledNow");
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable long id, RedirectAttributes redirect) {
        webhooks.enable(id);
        redirect.addFlashAttribute("flashSuccess", "webhooks.enabledNow");
        return "redirect:/admin/webhooks/" + id;
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        webhooks.sendTest(id);
        redirect.addFlashAttribute("flashSuccess", "webhooks.testQueued");
        return "redirect:/admin/webhooks/" + id;
    }

    /**
     * Deletes an endpoint with its log once confirmed: the page's script asks first and sends {@code confirmed};
     * without it (no JavaScript) the answer is a page that asks.
     */
    @PostMapping("/{id}/delete")
    String delete(
            @PathVariable long id,
            @RequestParam(name = "confirmed", required = false) String confirmed,
            Model model,
            RedirectAttributes redirect) {
        Endpoint endpoint = webhooks.endpoint(id);
        if (!"true".equals(confirmed)) {
            model.addAttribute("endpoint", endpoint);
            return "webhooks/delete";
        }
        webhooks.delete(id);
        redirect.addFlashAttribute("flashSuccess", "webhooks.deleted");
        return "redirect:/admin/webhooks";
    }

    /** Sends a delivery again (same id, same body). */
    @PostMapping("/deliveries/{id}/resend")
    String sendAgain(@PathVariable long id, RedirectAttributes redirect) {
        long endpointId = webhooks.sendAgain(id);
        redirect.addFlashAttribute("flashSuccess", "webhooks.sentAgain");
        return "redirect:/admin/webhooks/" + endpointId;
    }

    private static String showOnce(Secret secret, RedirectAttributes redirect) {
        // Post/Redirect/Get: the secret rides the redirect's flash once; a reload of the next page shows it no more.
        redirect.addFlashAttribute("secret", secret.secret());
        return "redirect:/admin/webhooks/" + secret.endpointId() + "/secret";
    }
}
