package io.leadbridge.privacy.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.privacy.LeadExportLog;
import io.leadbridge.privacy.PrivacyManagement;
import io.leadbridge.privacy.PrivacyManagement.Format;
import io.leadbridge.privacy.RetentionManagement;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.text.EmailAddresses;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /admin/privacy}: find a person by e-mail, export what is held about them (a JSON file, a printable summary)
 * and erase them, confirmed with the address typed again; the access log of exports and the tombstones of erasures.
 * Exports are posts, so the address never sits in a URL of the download and every export is a deliberate act.
 */
@Controller
class PrivacyController {

    static final String PATH = "/admin/privacy";

    private final PrivacyManagement privacy;
    private final RetentionManagement retention;
    private final ObjectMapper json;
    private final LeadExportLog leadExports;

    PrivacyController(
            PrivacyManagement privacy, RetentionManagement retention, ObjectMapper json, LeadExportLog leadExports) {
        this.privacy = privacy;
        this.retention = retention;
        this.json = json;
        this.leadExports = leadExports;
    }

    // Lead list exports (issue 20): the log of CSV exports, newest first, a page at a time.
    @ModelAttribute("leadExports")
    LeadExportLog.Page leadExports(@RequestParam(name = "leadExportsAfter", required = false) String after) {
        Long cursor = null;
        if (after != null && after.matches("[0-9]{1,18}")) {
            cursor = Long.valueOf(after);
        }
        return leadExports.page(cursor);
    }

    @GetMapping(PATH)
    String page(@RequestParam(required = false) String email, Model model) {
        String wanted = email == null ? "" : email.strip();
        if (!wanted.isEmpty()) {
            if (wanted.length() > PrivacyManagement.MAX_EMAIL || !wanted.matches(EmailAddresses.REGEX_OR_BLANK)) {
                model.addAttribute("emailError", true);
            } else {
                model.addAttribute("found", privacy.find(wanted));
                if (!model.containsAttribute("eraseForm")) {
                    EraseForm form = new EraseForm();
                    form.setEmail(wanted);
                    model.addAttribute("eraseForm", form);
                }
            }
        }
        model.addAttribute("email", wanted);
        model.addAttribute("accessLog", privacy.accessLog());
        model.addAttribute("tombstones", privacy.tombstones());
        if (!model.containsAttribute("retentionForm")) {
            model.addAttribute("retentionForm", RetentionForm.of(retention.settings()));
        }
        model.addAttribute("retentionPreview", retention.preview());
        model.addAttribute("retentionLog", retention.log());
        return "admin/privacy/page";
    }

    /**
     * The retention setting, with optimistic locking: a form opened before someone else's change is shown again with
     * their setting and a note, never saved over it.
     */
    @PostMapping(PATH + "/retention")
    String retention(
            @Valid @ModelAttribute("retentionForm") RetentionForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(null, model);
        }
        if (!retention.change(
                form.isEnabled(), form.getMonths(), form.runAtTime(), admin.accountId(), form.getVersion())) {
            RetentionForm current = RetentionForm.of(retention.settings());
            model.addAttribute("retentionForm", current);
            BindingResult fresh =
                    new org.springframework.validation.BeanPropertyBindingResult(current, "retentionForm");
            fresh.reject("retention.changedMeanwhile");
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "retentionForm", fresh);
            return page(null, model);
        }
        redirect.addFlashAttribute("flashSuccess", "retention.saved");
        return "redirect:" + PATH + "#retention";
    }

    /** The machine-readable export (Art. 20): every section as JSON, as a file. */
    @PostMapping(PATH + "/export")
    ResponseEntity<byte[]> exportJson(@RequestParam String email, @AuthenticationPrincipal SignedInAccount admin) {
        var export = privacy.export(checked(email), admin.accountId(), Format.JSON);
        if (export.leadIds().isEmpty()) {
            throw new NotFoundException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", export.email());
        body.put("exportedAt", export.exportedAt().toString());
        body.put("leadIds", export.leadIds());
        body.put("sections", export.sections());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("person-export.json", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(json.writeValueAsBytes(body));
    }

    /** The readable summary (Art. 15): the same sections as a page that prints well. */
    @PostMapping(PATH + "/summary")
    String summary(@RequestParam String email, @AuthenticationPrincipal SignedInAccount admin, Model model) {
        var export = privacy.export(checked(email), admin.accountId(), Format.SUMMARY);
        if (export.leadIds().isEmpty()) {
            throw new NotFoundException();
        }
        model.addAttribute("export", export);
        return "admin/privacy/summary";
    }

    @PostMapping(PATH + "/erase")
    String erase(
            @Valid @ModelAttribute("eraseForm") EraseForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("confirmation") && !errors.hasFieldErrors("email") && !form.confirmed()) {
            errors.rejectValue("confirmation", "privacy.confirmationMismatch");
        }
        if (errors.hasErrors()) {
            return page(form.getEmail(), model);
        }
        var erasure = privacy.erase(form.getEmail().strip(), admin.accountId());
        switch (erasure.outcome()) {
            case ERASED -> redirect.addFlashAttribute("flashSuccess", "privacy.erased");
            case ALREADY_ERASED -> redirect.addFlashAttribute("flashError", "privacy.alreadyErased");
            case NOT_FOUND -> redirect.addFlashAttribute("flashError", "privacy.notFound");
        }
        return "redirect:" + PATH + (erasure.tombstoneId() == null ? "" : "/tombstones/" + erasure.tombstoneId());
    }

    /** What a tombstone proves: when, by whom, how many leads (never the address). */
    @GetMapping(PATH + "/tombstones/{id}")
    String tombstone(@PathVariable long id, Model model) {
        model.addAttribute("tombstone", privacy.tombstone(id).orElseThrow(NotFoundException::new));
        return "admin/privacy/tombstone";
    }

    private static String checked(String email) {
        String wanted = email == null ? "" : email.strip();
        if (wanted.isEmpty()
                || wanted.length() > PrivacyManagement.MAX_EMAIL
                || !wanted.matches(EmailAddresses.REGEX_OR_BLANK)) {
            throw new NotFoundException();
        }
        return wanted;
    }
}
