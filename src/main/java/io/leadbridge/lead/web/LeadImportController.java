package io.leadbridge.lead.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadImports;
import io.leadbridge.lead.LeadImports.Preview;
import io.leadbridge.lead.LeadImports.Progress;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /leads/import}: upload a CSV, see the preview, import. */
@Controller
@RequestMapping("/leads/import")
class LeadImportController {

    private final LeadImports imports;

    LeadImportController(LeadImports imports) {
        this.imports = imports;
    }

    @GetMapping
    String form(@RequestParam(name = "tooLarge", required = false) String tooLarge, Model model) {
        if (tooLarge != null) {
            model.addAttribute("fileError", "import.tooLarge");
        }
        return "leads/import";
    }

    @PostMapping
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @AuthenticationPrincipal SignedInAccount me,
            Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "import.noFile");
            return "leads/import";
        }
        try (InputStream content = file.getInputStream()) {
            long id = imports.upload(file.getOriginalFilename(), content, me.accountId());
            return "redirect:/leads/import/" + id;
        } catch (Refusal problem) {
            model.addAttribute("fileError", problem.messageCode());
            return "leads/import";
        }
    }

    /** A file over the limit (or a broken upload) is answered on the import page, with the status that says why. */
    @ExceptionHandler(MultipartException.class)
    String tooLarge(MultipartException e, Model model, HttpServletResponse response) {
        boolean tooLarge = e instanceof MaxUploadSizeExceededException;
        response.setStatus(tooLarge ? 413 : 400);
        model.addAttribute("fileError", tooLarge ? "import.tooLarge" : "import.brokenUpload");
        return "leads/import";
    }

    @GetMapping("/{id}")
    String preview(@PathVariable long id, Model model) {
        Preview preview = imports.preview(id);
        model.addAttribute("preview", preview);
        model.addAttribute("progress", preview.progress());
        model.addAttribute("fields", LeadImports.fields());
        model.addAttribute("erasedRows", imports.erasedRows(id));
        return "leads/import-preview";
    }

    /**
     * The status, polled while the file is checked or imported. When a check the page was waiting for has ended, htmx
     * loads the whole page again to show the preview ({@code HX-Refresh}).
     */
    @GetMapping("/{id}/progress")
    String progress(
            @PathVariable long id,
            @RequestParam(name = "checking", defaultValue = "false") boolean checking,
            Model model) {
        Progress progress = imports.progress(id);
        if (checking && !progress.checking()) {
            return HtmxViewResolver.REFRESH_VIEW_NAME;
        }
        model.addAttribute("progress", progress);
        return "leads/import-preview :: status";
    }

    @PostMapping("/{id}/mapping")
    String remap(
            @PathVariable long id,
            @RequestParam(name = "mapping", required = false) List<String> mapping,
            RedirectAttributes redirect) {
        try {
            imports.remap(id, mapping == null ? List.of() : mapping);
        } catch (Refusal problem) {
            Refusals.flash(problem, redirect);
        }
        return "redirect:/leads/import/" + id;
    }

    @PostMapping("/{id}/confirm")
    String confirm(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean validOnly,
            @RequestParam(defaultValue = "false") boolean updateExisting,
            @RequestParam(defaultValue = "false") boolean importErased,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        try {
            imports.confirm(
                    id, validOnly, updateExisting, importErased, Actor.person(me.accountId(), me.getDisplayName()));
        } catch (Refusal problem) {
            Refusals.flash(problem, redirect);
        }
        return "redirect:/leads/import/" + id;
    }
}
