package io.leadbridge.mail.web;

import io.leadbridge.mail.MailPreferences;
import io.leadbridge.mail.UnsubscribeLinks;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /mail/unsubscribe?token=…}: a mail's one-click unsubscribe, without signing in. The page (GET) asks for one
 * click; the click — or a mail client's RFC 8058 POST — sets that person's kind to "only in the app", in the token's
 * workspace, and nothing else. A token that is not one LeadBridge signed is answered 400 with a page that says so.
 */
@Controller
class UnsubscribeController {

    static final String PATH = "/mail/unsubscribe";

    private final UnsubscribeLinks links;
    private final MailPreferences preferences;

    UnsubscribeController(UnsubscribeLinks links, MailPreferences preferences) {
        this.links = links;
        this.preferences = preferences;
    }

    @GetMapping(PATH)
    String ask(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<UnsubscribeLinks.Unsubscribe> unsubscribe = links.verify(token);
        if (unsubscribe.isEmpty()) {
            response.setStatus(400);
            return "unsubscribe/invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("kind", unsubscribe.get().kind().map(Enum::name).orElse("DIGEST"));
        return "unsubscribe/ask";
    }

    @PostMapping(PATH)
    String unsubscribe(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<UnsubscribeLinks.Unsubscribe> unsubscribe = links.verify(token);
        if (unsubscribe.isEmpty()) {
            response.setStatus(400);
            return "unsubscribe/invalid";
        }
        UnsubscribeLinks.Unsubscribe what = unsubscribe.get();
        CurrentTenant.runAs(what.tenantId(), () -> preferences.unsubscribe(what.accountId(), what.kind()));
        model.addAttribute("kind", what.kind().map(Enum::name).orElse("DIGEST"));
        return "unsubscribe/done";
    }
}
