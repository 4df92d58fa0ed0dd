package io.leadbridge.mail.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.mail.MailPreferences;
import io.leadbridge.tenant.TenantManagement;
import io.leadbridge.tenant.Workspace;
import io.leadbridge.timeline.NotificationKind;
import io.leadbridge.timeline.NotificationKind.Delivery;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/notifications}: the signed-in person's own choices of mail — per kind at once, in the daily digest
 * or only in the app — the digest's time in the workspace's time zone and the language of the mails. Nobody reaches
 * anyone else's: the person is always the one signed in.
 */
@Controller
class NotificationSettingsController {

    static final String PATH = "/account/notifications";

    private final MailPreferences preferences;
    private final TenantManagement tenants;

    NotificationSettingsController(MailPreferences preferences, TenantManagement tenants) {
        this.preferences = preferences;
        this.tenants = tenants;
    }

    @GetMapping(PATH)
    String settings(@AuthenticationPrincipal SignedInAccount me, Model model) {
        MailPreferences.Settings settings = preferences.of(me.accountId());
        Map<String, String> choices = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            choices.put(kind.name(), settings.choice(kind).name());
        }
        return page(
                model,
                choices,
                settings.digestTime().toString(),
                settings.language().orElse(""),
                settings.version(),
                Map.of());
    }

    @PostMapping(PATH)
    String save(
            @AuthenticationPrincipal SignedInAccount me,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        Map<NotificationKind, Delivery> choices = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            String value = form.get("choice." + kind.name());
            shown.put(kind.name(), value == null ? "" : value);
            Optional<Delivery> delivery = delivery(value);
            if (delivery.isEmpty()) {
                errors.put("choice." + kind.name(), "mailSettings.choiceInvalid");
            } else {
                choices.put(kind, delivery.get());
            }
        }
        String timeText = form.getOrDefault("digestTime", "");
        LocalTime time = time(timeText);
        if (time == null) {
            errors.put("digestTime", "mailSettings.digestTimeInvalid");
        }
        String language = form.getOrDefault("language", "");
        if (!language.isEmpty() && !MailPreferences.LANGUAGES.contains(language)) {
            errors.put("language", "mailSettings.languageInvalid");
        }
        long version;
        try {
            version = Long.parseLong(form.getOrDefault("version", "0"));
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (errors.isEmpty()) {
            Optional<String> chosenLanguage = language.isEmpty() ? Optional.empty() : Optional.of(language);
            if (version >= 0 && saved(me.accountId(), choices, time, chosenLanguage, version)) {
                redirect.addFlashAttribute("flashSuccess", "mailSettings.saved");
                return "redirect:" + PATH;
            }
            errors.put("global", "mailSettings.changedMeanwhile");
            version = preferences.of(me.accountId()).version();
        }
        response.setStatus(422);
        return page(model, shown, timeText, language, version, errors);
    }

    /** Saves; false when someone changed the settings meanwhile, also when that shows only at the commit. */
    private boolean saved(
            long accountId,
            Map<NotificationKind, Delivery> choices,
            LocalTime time,
            Optional<String> language,
            long version) {
        try {
            return preferences.change(accountId, choices, time, language, version);
        } catch (OptimisticLockingFailureException | DataIntegrityViolationException changedMeanwhile) {
            return false;
        }
    }

    private String page(
            Model model,
            Map<String, String> choices,
            String digestTime,
            String language,
            long version,
            Map<String, String> errors) {
        model.addAttribute("kinds", NotificationKind.values());
        model.addAttribute("deliveries", Delivery.values());
        model.addAttribute("choices", choices);
        model.addAttribute("digestTime", digestTime);
        model.addAttribute("language", language);
        model.addAttribute("languages", MailPreferences.LANGUAGES);
        model.addAttribute("version", version);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "timeZone", tenants.current().map(Workspace::timeZone).orElse(""));
        model.addAttribute("workspaceLanguage", preferences.workspaceLanguage());
        return "account/notifications";
    }

    private static Optional<Delivery> delivery(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Delivery.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static LocalTime time(String text) {
        try {
            return text == null || text.isBlank() || text.length() > 8 ? null : LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
