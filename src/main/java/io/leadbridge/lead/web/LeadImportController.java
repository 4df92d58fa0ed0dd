package io.leadbridge.lead.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadImports;
import io.leadbridge.lead.LeadImports.ImportProblem;
import io.leadbridge.lead.LeadImports.Preview;
import java.io.IOException;
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
    String form() {
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
        try {
            long id = imports.upload(file.getOriginalFilename(), file.getBytes(), me.accountId());
            return "redirect:/leads/import/" + id;
        } catch (ImportProblem problem) {
            model.addAttribute("fileError", problem.getMessage());
            return "leads/import";
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model) {
        model.addAttribute("fileError", "import.tooLarge");
        return "leads/import";
    }

    @GetMapping("/{id}")
    String preview(@PathVariable long id, Model model) {
        Preview preview = imports.preview(id);
        model.addAttribute("preview", preview);
        model.addAttribute("progress", preview.progress());
        model.addAttribute("fields", LeadImports.fields());
        return "leads/import-preview";
    }

    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("progress", imports.progress(id));
        return "leads/import-preview :: status";
    }

    @PostMapping("/{id}/mapping")
    String remap(
            @PathVariable long id,
            @RequestParam(name = "mapping", required = false) List<String> mapping,
            RedirectAttributes redirect) {
        try {
            imports.remap(id, mapping == null ? List.of() : mapping);
        } catch (ImportProblem problem) {
            redirect.addFlashAttribute("flashError", problem.getMessage());
        }
        return "redirect:/leads/import/" + id;
    }

    @PostMapping("/{id}/confirm")
    String confirm(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean validOnly,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        try {
            imports.confirm(id, validOnly, Actor.person(me.accountId(), me.getDisplayName()));
        } catch (ImportProblem problem) {
            redirect.addFlashAttribute("flashError", problem.getMessage());
        }
        return "redirect:/leads/import/" + id;
    }
}
