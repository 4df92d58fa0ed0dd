package io.leadbridge.account.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.Refusals;
import jakarta.validation.Valid;
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

/** {@code /admin/users}: an admin's view of the workspace's people. */
@Controller
@RequestMapping("/admin/users")
class PeopleController {

    private final AccountManagement accounts;

    PeopleController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("allRoles")
    Role[] allRoles() {
        return Role.values();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("people", accounts.people());
        return "admin/users/list";
    }

    @GetMapping("/new")
    String newPerson(@ModelAttribute("form") NewPersonForm form) {
        return "admin/users/new";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") NewPersonForm form, BindingResult errors, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "admin/users/new";
        }
        try {
            Person person = accounts.create(form.toCommand());
            redirect.addFlashAttribute("flashSuccess", "people.created");
            redirect.addFlashAttribute("flashArgument", person.displayName());
            return "redirect:/admin/users";
        } catch (Refusal refusal) {
            Refusals.reject(refusal, errors);
            return "admin/users/new";
        }
    }

    @GetMapping("/{id}")
    String person(@PathVariable long id, Model model) {
        Person person = accounts.person(id);
        model.addAttribute("person", person);
        model.addAttribute("form", RolesForm.of(person));
        return "admin/users/detail";
    }

    @PostMapping("/{id}/roles")
    String changeRoles(
            @PathVariable long id,
            @Valid @ModelAttribute("form") RolesForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        Person person = accounts.person(id);
        if (!errors.hasErrors()) {
            try {
                accounts.changeRoles(id, form.getRoles(), form.getVersion());
                redirect.addFlashAttribute("flashSuccess", "people.rolesChanged");
                redirect.addFlashAttribute("flashArgument", person.displayName());
                return "redirect:/admin/users/" + id;
            } catch (Refusal refusal) {
                Refusals.reject(refusal, errors);
            }
        }
        model.addAttribute("person", person);
        return "admin/users/detail";
    }

    /**
     * Deactivates a person once confirmed: the page's script asks first and sends {@code confirmed}; without it (no
     * JavaScript) the answer is a page that asks.
     */
    @PostMapping("/{id}/deactivate")
    String deactivate(
            @PathVariable long id,
            @RequestParam(name = "confirmed", required = false) String confirmed,
            @AuthenticationPrincipal SignedInAccount admin,
            Model model,
            RedirectAttributes redirect) {
        Person person = accounts.person(id);
        if (!"true".equals(confirmed)) {
            model.addAttribute("person", person);
            return "admin/users/deactivate";
        }
        try {
            accounts.deactivate(id, admin.accountId());
            redirect.addFlashAttribute("flashSuccess", "people.deactivated");
            redirect.addFlashAttribute("flashArgument", person.displayName());
        } catch (Refusal refusal) {
            Refusals.flash(refusal, redirect);
            redirect.addFlashAttribute("flashArgument", person.displayName());
        }
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(@PathVariable long id, RedirectAttributes redirect) {
        Person person = accounts.person(id);
        accounts.reactivate(id);
        redirect.addFlashAttribute("flashSuccess", "people.reactivated");
        redirect.addFlashAttribute("flashArgument", person.displayName());
        return "redirect:/admin/users/" + id;
    }
}
