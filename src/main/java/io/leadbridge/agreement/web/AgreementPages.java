package io.leadbridge.agreement.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementContent;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.AgreementVersion;
import io.leadbridge.agreement.Kind;
import io.leadbridge.shared.Refusal;
import io.leadbridge.text.PlainTexts;
import io.leadbridge.web.Refusals;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agreement's web flow, the same for every kind of agreement: approve, decline, withdraw and comment on a version
 * ({@code /<kind>/versions/{id}/...}), what the overview and a version's page show of the agreement (open and outdated
 * proposals, history, the decision, comments), and sending a proposal made on a version that may no longer be the
 * active one. A kind's controller extends it under its path ({@code /criteria}, {@code /funnel}) and supplies only
 * its content: its versions, their diff, and its proposal form with its own rules.
 *
 * @param <V> a version of the kind with its content
 * @param <F> the kind's proposal form
 */
public abstract class AgreementPages<V extends AgreementContent.Versioned, F extends ProposalForm> {

    protected final AgreementManagement agreements;
    private final AgreementContent<V> content;
    private final Kind kind;
    /** The kind's path and its pages' folder: {@code criteria}, {@code funnel}. */
    private final String path;

    protected AgreementPages(Kind kind, AgreementContent<V> content, AgreementManagement agreements) {
        this.kind = kind;
        this.content = content;
        this.agreements = agreements;
        this.path = kind.name().toLowerCase(Locale.ROOT);
    }

    /** The form holding the version's changes applied to the active version (the summary is set by the caller). */
    protected abstract F formOnTopOfActive(V version);

    /** Whether the form says what the active version says. */
    protected abstract boolean unchanged(F form, V active);

    /** Puts the person's changes, made on the version {@code base}, onto the version {@code active} in the form. */
    protected abstract void rebaseForm(F form, Long base, V active);

    @PostMapping("/versions/{id}/approve")
    public String approve(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "approved", () -> agreements.approve(kind, id, comment, me));
    }

    @PostMapping("/versions/{id}/decline")
    public String decline(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "declined", () -> agreements.decline(kind, id, comment, me));
    }

    @PostMapping("/versions/{id}/withdraw")
    public String withdraw(
            @PathVariable long id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        return decide(id, redirect, "withdrawn", () -> agreements.withdraw(kind, id, me));
    }

    @PostMapping("/versions/{id}/comments")
    public String comment(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        if (body.isBlank() || body.length() > 2000 || !PlainTexts.multiLine(body)) {
            content.version(id, me); // another workspace's id answers 404 here too
            redirect.addFlashAttribute("flashError", "criteria.commentInvalid");
        } else {
            agreements.comment(kind, id, body, me);
        }
        return redirectToVersion(id) + "#comments";
    }

    private String decide(long id, RedirectAttributes redirect, String outcome, Runnable decision) {
        try {
            decision.run();
            redirect.addFlashAttribute("flashSuccess", path + "." + outcome);
        } catch (Refusal refusal) {
            Refusals.flash(refusal, redirect);
        }
        return redirectToVersion(id);
    }

    /** The redirect to a version's page. */
    protected String redirectToVersion(long id) {
        return "redirect:/" + path + "/versions/" + id;
    }

    /** The overview's agreement: the active version, open proposals, the person's outdated ones, the history. */
    protected String showOverview(SignedInAccount me, Model model) {
        List<V> history = content.history();
        model.addAttribute("active", content.active());
        model.addAttribute(
                "open", history.stream().filter(v -> v.agreement().open()).toList());
        model.addAttribute("history", history);
        model.addAttribute(
                "outdated",
                history.stream()
                        .filter(v -> v.agreement().outdated())
                        .filter(v -> Long.valueOf(me.accountId())
                                .equals(v.agreement().proposedBy()))
                        .toList());
        return path + "/overview";
    }

    /**
     * A version's page: the version, what it is compared with and the differences, its comments and what the person
     * may do with it.
     */
    protected String showVersion(V version, SignedInAccount me, Model model) {
        AgreementVersion agreement = version.agreement();
        V base = content.comparedWith(version).orElse(null);
        model.addAttribute("version", version);
        model.addAttribute("active", content.active());
        model.addAttribute("base", base);
        model.addAttribute("diff", base == null ? List.of() : content.differences(base, version));
        model.addAttribute("comments", agreements.comments(agreement.id()));
        model.addAttribute("permissions", agreements.permissions(agreement, me));
        model.addAttribute("comparedWithBase", agreement.outdated() && base != null);
        return path + "/version";
    }

    /**
     * The proposal form from the person's outdated proposal {@code from}: its changes applied to the active version;
     * to the proposal's page if it is not theirs to propose again.
     */
    protected String reproposeForm(long from, SignedInAccount me, Model model) {
        V outdated = content.version(from, me);
        AgreementVersion agreement = outdated.agreement();
        if (!agreements.permissions(agreement, me).repropose()) {
            return redirectToVersion(from);
        }
        F form = formOnTopOfActive(outdated);
        form.setSummary(agreement.summary());
        model.addAttribute("form", form);
        model.addAttribute("reproposing", agreement.number());
        model.addAttribute("rebasedOn", numberOf(content.active()));
        return proposePage(model);
    }

    /** The proposal page, the form made on the version active now. */
    protected String proposePage(Model model) {
        model.addAttribute("baseId", idOf(content.active()));
        return path + "/propose";
    }

    /** Sends a checked form: the page to redirect to. */
    @FunctionalInterface
    protected interface Sending {
        String send(Long base);
    }

    /**
     * Sends the form (already checked against the kind's rules) made on the version {@code baseId} (null: the active
     * one). If another version became active meanwhile, before or while sending, the form comes back with the
     * person's changes applied to the active version, to check and send again. A proposal (not a {@code draft}) gives
     * a reason and changes something.
     */
    protected String send(F form, BindingResult errors, Long baseId, boolean draft, Model model, Sending sending) {
        V active = content.active();
        Long activeId = idOf(active);
        Long base = baseId == null ? activeId : baseId;
        if (!errors.hasErrors() && !Objects.equals(base, activeId)) {
            rebase(form, base, active, errors);
            base = activeId;
        }
        if (!errors.hasErrors() && !draft) {
            if (form.getSummary() == null || form.getSummary().isBlank()) {
                errors.rejectValue("summary", "agreement.summaryRequired");
            }
            if (unchanged(form, active)) {
                errors.reject("agreement.sameAsActive", new Object[] {number(active)}, null);
            }
        }
        if (!errors.hasErrors()) {
            try {
                return sending.send(base);
            } catch (Refusal refusal) {
                if (refusal.messageCode().equals("agreement.baseChanged")) {
                    V now = content.active();
                    rebase(form, base, now, errors);
                    base = idOf(now);
                } else {
                    Refusals.reject(refusal, errors);
                }
            }
        }
        model.addAttribute("baseId", base);
        return path + "/propose";
    }

    private void rebase(F form, Long base, V active, BindingResult errors) {
        rebaseForm(form, base, active);
        errors.reject("agreement.baseChanged", new Object[] {number(active)}, null);
    }

    private Long idOf(V version) {
        AgreementVersion agreement = version.agreement();
        return agreement == null ? null : agreement.id();
    }

    private Integer numberOf(V version) {
        AgreementVersion agreement = version.agreement();
        return agreement == null ? null : agreement.number();
    }

    /** The version's number for a message; 0 for the defaults. */
    private int number(V version) {
        Integer number = numberOf(version);
        return number == null ? 0 : number;
    }
}
