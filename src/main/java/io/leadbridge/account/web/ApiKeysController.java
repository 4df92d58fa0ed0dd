package io.leadbridge.account.web;

import io.leadbridge.account.ApiKeyManagement;
import io.leadbridge.account.ApiKeyManagement.CreatedKey;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.web.PublicBaseUrl;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
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

/** {@code /admin/api-keys}: create (shown once), list with last use, revoke (after a confirmation). */
@Controller
@RequestMapping("/admin/api-keys")
class ApiKeysController {

    private final ApiKeyManagement keys;
    private final PublicBaseUrl publicBaseUrl;

    ApiKeysController(ApiKeyManagement keys, PublicBaseUrl publicBaseUrl) {
        this.keys = keys;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GetMapping
    String list(@ModelAttribute("form") ApiKeyForm form, Model model) {
        model.addAttribute("keys", keys.keys());
        return "admin/api-keys/list";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") ApiKeyForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            model.addAttribute("keys", keys.keys());
            return "admin/api-keys/list";
        }
        CreatedKey created = keys.create(form.getName(), admin.accountId());
        // Post/Redirect/Get: the secret rides the redirect's flash once; a reload of the next page shows it no more
        // (and creates nothing).
        redirect.addFlashAttribute("createdName", created.name());
        redirect.addFlashAttribute("createdValue", created.value());
        return "redirect:/admin/api-keys/created";
    }

    /** The key just created, shown once: only right after the redirect, never cached. */
    @GetMapping("/created")
    String created(Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        // The example's address: the configured one, else the page's own (app.js), never the request's Host header.
        model.addAttribute("baseUrl", publicBaseUrl.value().orElse(null));
        return "admin/api-keys/created";
    }

    /**
     * Revokes a key once confirmed: the page's script asks first and sends {@code confirmed}; without it (no
     * JavaScript) the answer is a page that asks.
     */
    @PostMapping("/{id}/revoke")
    String revoke(
            @PathVariable UUID id,
            @RequestParam(name = "confirmed", required = false) String confirmed,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        if (!"true".equals(confirmed)) {
            model.addAttribute("key", keys.key(id));
            return "admin/api-keys/revoke";
        }
        keys.revoke(id, admin.accountId());
        redirect.addFlashAttribute("flashSuccess", "apiKeys.revoked");
        return "redirect:/admin/api-keys";
    }
}
