package io.leadbridge.lead.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.lead.LeadProblem;
import io.leadbridge.lead.LeadQuery;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.PurchaseTimeline;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.Timeline;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The lead pages: list, create, detail with timeline, edit. Marketers create and edit; every team reads. */
@Controller
@RequestMapping("/leads")
class LeadController {

    private final LeadManagement leads;
    private final AccountManagement accounts;
    private final Timeline timeline;
    private final CriteriaManagement criteria;

    LeadController(LeadManagement leads, AccountManagement accounts, Timeline timeline, CriteriaManagement criteria) {
        this.leads = leads;
        this.accounts = accounts;
        this.timeline = timeline;
        this.criteria = criteria;
    }

    @ModelAttribute("stages")
    Stage[] stages() {
        return Stage.values();
    }

    @ModelAttribute("timelines")
    PurchaseTimeline[] timelines() {
        return PurchaseTimeline.values();
    }

    @GetMapping
    String list(
            @ModelAttribute("query") LeadQuery query,
            BindingResult badFilters,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        LeadQuery effective = badFilters.hasErrors() ? LeadQuery.all() : query;
        model.addAttribute("query", effective);
        model.addAttribute("page", leads.list(effective));
        model.addAttribute("sorts", LeadQuery.Sort.values());
        model.addAttribute("people", accounts.people());
        return htmx != null ? "leads/list :: results" : "leads/list";
    }

    @GetMapping("/new")
    String newLead(Model model) {
        model.addAttribute("lead", new LeadInput());
        model.addAttribute("submissionKey", UUID.randomUUID());
        model.addAttribute("industries", leads.industries());
        return "leads/new";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("lead") LeadInput lead,
            BindingResult errors,
            @RequestParam UUID submissionKey,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                LeadView created = leads.create(lead, submissionKey, actor(me), Channel.FORM);
                redirect.addFlashAttribute("flashSuccess", "lead.created");
                redirect.addFlashAttribute("flashArgument", created.displayName());
                return "redirect:/leads/" + created.id();
            } catch (LeadProblem problem) {
                report(problem, errors, model);
            }
        }
        model.addAttribute("submissionKey", submissionKey);
        model.addAttribute("industries", leads.industries());
        return "leads/new";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("lead", leads.lead(id));
        model.addAttribute("timeline", timeline.of(id));
        model.addAttribute("evaluation", criteria.evaluationOf(id).orElse(null));
        return "leads/detail";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        LeadView current = leads.lead(id);
        model.addAttribute("current", current);
        model.addAttribute("lead", current.data());
        model.addAttribute("version", current.version());
        model.addAttribute("industries", leads.industries());
        return "leads/edit";
    }

    @PostMapping("/{id}")
    String save(
            @PathVariable long id,
            @Valid @ModelAttribute("lead") LeadInput lead,
            BindingResult errors,
            @RequestParam long version,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            RedirectAttributes redirect) {
        LeadView current = leads.lead(id);
        long nextVersion = version;
        if (!errors.hasErrors()) {
            try {
                LeadView saved = leads.edit(id, lead, version, actor(me));
                redirect.addFlashAttribute("flashSuccess", "lead.saved");
                redirect.addFlashAttribute("flashArgument", saved.displayName());
                return "redirect:/leads/" + id;
            } catch (LeadProblem.ChangedMeanwhile changed) {
                current = changed.current();
                nextVersion = current.version();
                model.addAttribute("theirChanges", differences(current.data(), lead));
                errors.reject("lead.changedMeanwhile");
            } catch (LeadProblem problem) {
                report(problem, errors, model);
            }
        }
        model.addAttribute("current", current);
        model.addAttribute("version", nextVersion);
        model.addAttribute("industries", leads.industries());
        return "leads/edit";
    }

    private static Actor actor(SignedInAccount me) {
        return Actor.person(me.accountId(), me.getDisplayName());
    }

    private static void report(LeadProblem problem, BindingResult errors, Model model) {
        if (problem instanceof LeadProblem.Invalid invalid) {
            invalid.problems().forEach(p -> errors.rejectValue(p.field(), "invalid", p.message()));
        } else if (problem instanceof LeadProblem.Duplicate duplicate) {
            errors.rejectValue(
                    duplicate.field(),
                    duplicate.field().equals("email") ? "lead.duplicate" : "lead.duplicateExternalId",
                    new Object[] {duplicate.existingName()},
                    null);
            model.addAttribute("duplicateId", duplicate.existingId());
            model.addAttribute("duplicateName", duplicate.existingName());
        } else {
            errors.reject("lead.changedMeanwhile");
        }
    }

    /** The fields where the saved lead now differs from what the editor submitted. */
    static List<Difference> differences(LeadInput saved, LeadInput mine) {
        List<Difference> differences = new ArrayList<>();
        add(differences, "firstName", saved, mine, LeadInput::getFirstName);
        add(differences, "lastName", saved, mine, LeadInput::getLastName);
        add(differences, "email", saved, mine, LeadInput::getEmail);
        add(differences, "phone", saved, mine, LeadInput::getPhone);
        add(differences, "jobTitle", saved, mine, LeadInput::getJobTitle);
        add(differences, "companyName", saved, mine, LeadInput::getCompanyName);
        add(differences, "website", saved, mine, LeadInput::getWebsite);
        add(differences, "employees", saved, mine, LeadInput::getEmployees);
        add(differences, "industry", saved, mine, LeadInput::getIndustry);
        add(differences, "department", saved, mine, LeadInput::getDepartment);
        add(differences, "country", saved, mine, LeadInput::getCountry);
        add(differences, "source", saved, mine, LeadInput::getSource);
        add(differences, "campaign", saved, mine, LeadInput::getCampaign);
        add(differences, "engagementScore", saved, mine, LeadInput::getEngagementScore);
        add(differences, "projectPlanned", saved, mine, i -> Boolean.TRUE.equals(i.getProjectPlanned()));
        add(differences, "budgetConfirmed", saved, mine, i -> Boolean.TRUE.equals(i.getBudgetConfirmed()));
        add(differences, "timeline", saved, mine, LeadInput::getTimeline);
        add(differences, "externalId", saved, mine, LeadInput::getExternalId);
        return differences;
    }

    private static void add(
            List<Difference> differences,
            String field,
            LeadInput saved,
            LeadInput mine,
            Function<LeadInput, Object> value) {
        Object theirs = blankToNull(value.apply(saved));
        Object yours = blankToNull(value.apply(mine));
        if (!Objects.equals(theirs, yours)) {
            differences.add(new Difference(field, Objects.toString(theirs, ""), Objects.toString(yours, "")));
        }
    }

    private static Object blankToNull(Object value) {
        return value instanceof String s && s.isBlank() ? null : value;
    }

    record Difference(String field, String saved, String yours) {}
}
