package io.leadbridge.lead.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.lead.LeadPageContributor;
import io.leadbridge.lead.LeadProblem;
import io.leadbridge.lead.LeadQuery;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.PurchaseTimeline;
import io.leadbridge.lead.Stage;
import io.leadbridge.privacy.LeadExportLog;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.Formats;
import io.leadbridge.tenant.MayLag;
import io.leadbridge.tenant.TenantManagement;
import io.leadbridge.tenant.Workspace;
import io.leadbridge.timeline.Comments;
import io.leadbridge.timeline.Timeline;
import io.leadbridge.web.FragmentCache;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
    private final List<LeadPageContributor> contributors;
    private final Comments comments;
    private final Formats formats;
    private final TenantManagement tenants;
    private final Clock clock;
    private final LeadExportLog exportLog;
    private final TimelineLines timelineLines;
    private final FragmentCache fragments;

    LeadController(
            LeadManagement leads,
            AccountManagement accounts,
            Timeline timeline,
            List<LeadPageContributor> contributors,
            Comments comments,
            Formats formats,
            TenantManagement tenants,
            Clock clock,
            LeadExportLog exportLog,
            TimelineLines timelineLines,
            FragmentCache fragments) {
        this.fragments = fragments;
        this.exportLog = exportLog;
        this.timelineLines = timelineLines;
        this.formats = formats;
        this.tenants = tenants;
        this.clock = clock;
        this.contributors = contributors;
        this.comments = comments;
        this.leads = leads;
        this.accounts = accounts;
        this.timeline = timeline;
    }

    /**
     * The consent's time as a browser's date-and-time field sends and shows it: a local time in the workspace's time
     * zone (an unreadable one is an error at the field).
     */
    @InitBinder("lead")
    void consentTime(WebDataBinder binder) {
        java.time.ZoneId zone = formats.zone();
        binder.registerCustomEditor(Instant.class, "consentGivenAt", new java.beans.PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || text.isBlank()) {
                    setValue(null);
                    return;
                }
                try {
                    setValue(java.time.LocalDateTime.parse(text.strip())
                            .atZone(zone)
                            .toInstant());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public String getAsText() {
                return getValue() instanceof Instant instant
                        ? java.time.LocalDateTime.ofInstant(instant, zone)
                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                                .toString()
                        : "";
            }
        });
    }

    @ModelAttribute("stages")
    Stage[] stages() {
        return Stage.values();
    }

    @ModelAttribute("timelines")
    List<PurchaseTimeline> timelines() {
        // Unknown first: what a person did not state must not count towards qualification.
        return Stream.concat(
                        Stream.of(PurchaseTimeline.UNKNOWN),
                        Stream.of(PurchaseTimeline.values()).filter(t -> t != PurchaseTimeline.UNKNOWN))
                .toList();
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @MayLag
    @Transactional(readOnly = true)
    @GetMapping
    String list(
            @ModelAttribute("query") LeadQuery query,
            BindingResult badFilters,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        LeadQuery effective = badFilters.hasErrors() ? LeadQuery.all() : query;
        model.addAttribute("query", effective);
        model.addAttribute("page", leads.list(effective));
        model.addAttribute("sorts", LeadQuery.Sort.values());
        model.addAttribute("people", accounts.people());
        // The same URL answers a page or its rows: caches must tell the two apart. Going back, htmx asks for the
        // page again (the list keeps no snapshot, hx-history="false"), so that its filters always match its rows.
        // Set, not added: on an htmx request the htmx library has already said "Vary: HX-Request"; this one header
        // says both, on the page as on the rows.
        response.setHeader(HttpHeaders.VARY, "HX-Request, HX-History-Restore-Request");
        return htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest() ? "leads/list :: results" : "leads/list";
    }

    /**
     * The current filtered list as CSV, streamed: comma-separated, or ({@code format=excel}) semicolon-separated as
     * German Excel opens it in columns; both UTF-8 with a byte order mark (Excel reads UTF-8 only with one), named after
     * the workspace and the day in its time zone.
     */
    @MayLag
    @GetMapping("/export")
    void export(
            @ModelAttribute("query") LeadQuery query,
            BindingResult badFilters,
            @RequestParam(defaultValue = "") String format,
            @AuthenticationPrincipal SignedInAccount me,
            HttpServletResponse response)
            throws IOException {
        boolean excel = format.equals("excel");
        LeadQuery effective = badFilters.hasErrors() ? LeadQuery.all() : query;
        String slug = tenants.current().map(Workspace::slug).orElse("workspace");
        String name = "leads-" + slug + "-" + LocalDate.now(clock.withZone(formats.zone())) + (excel ? "-excel" : "")
                + ".csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader("Cache-Control", "no-store");
        // On the access log before the first byte (committed on its own), completed with the row count when the stream
        // ends, or marked as broken off with how far it came.
        long logged = exportLog.started(
                me.accountId(), describe(effective), excel ? LeadExportLog.Format.EXCEL : LeadExportLog.Format.CSV);
        int[] rows = {0};
        boolean completed = false;
        try {
            Writer out = response.getWriter();
            out.write('\uFEFF'); // Excel reads UTF-8 only with a BOM
            leads.export(effective, out, excel ? ';' : ',', written -> rows[0] = written);
            out.flush();
            completed = true;
        } finally {
            exportLog.finished(logged, rows[0], completed);
        }
    }

    static final String SEARCH_TERM = "(a search term)";

    /**
     * The export's filter as the access log keeps it: each filter that narrows the list, as name=value. The search
     * term itself is not kept — it is free text that often is a person's name, which the log would keep after that
     * person's erasure — only that there was one.
     */
    static String describe(LeadQuery query) {
        List<String> parts = new java.util.ArrayList<>();
        if (query.q() != null) {
            parts.add("q=" + SEARCH_TERM);
        }
        if (query.stage() != null) {
            parts.add("stage=" + query.stage());
        }
        if (query.owner() != null) {
            parts.add("owner=" + query.owner());
        }
        if (query.source() != null) {
            parts.add("source=" + query.source());
        }
        if (query.createdFrom() != null) {
            parts.add("createdFrom=" + query.createdFrom());
        }
        if (query.createdTo() != null) {
            parts.add("createdTo=" + query.createdTo());
        }
        if (query.qualified() != null) {
            parts.add("qualified=" + query.qualified());
        }
        if (Boolean.TRUE.equals(query.reEngaged())) {
            parts.add("reEngaged=true");
        }
        return String.join("; ", parts);
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
            } catch (Refusal refusal) {
                report(refusal, errors, model);
            }
        }
        model.addAttribute("submissionKey", submissionKey);
        model.addAttribute("industries", leads.industries());
        return "leads/new";
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @Transactional(readOnly = true)
    @GetMapping("/{id}")
    String detail(
            @PathVariable long id,
            @AuthenticationPrincipal SignedInAccount me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        LeadView lead = leads.leadToShow(id);
        model.addAttribute("comments", comments.of(id));
        if (!model.containsAttribute("commentForm")) {
            model.addAttribute("commentForm", new CommentForm());
        }
        model.addAttribute("lead", lead);
        model.addAttribute("reEngaged", lead.reEngagedSince(clock.instant().minus(LeadManagement.RE_ENGAGED_RECENTLY)));
        contributors.forEach(contributor -> model.addAllAttributes(contributor.contribute(lead, me)));
        // Each entry's HTML rendered once and kept (web.FragmentCache): an entry of the past does not change. One that
        // names a rejection reason is rendered every time, as its label is the handoff module's (and may be renamed).
        model.addAttribute(
                "timelineHtml",
                fragments.rows(
                        "leads/detail",
                        "entry",
                        "timeline",
                        timelineLines.of(timeline.of(id)),
                        entry -> entry.reason() == null,
                        request,
                        response));
        return "leads/detail";
    }

    /** A comment on the lead's thread; {@code @name} mentions a person of the workspace. */
    @PostMapping("/{id}/comments")
    String comment(
            @PathVariable long id,
            @Valid @ModelAttribute("commentForm") CommentForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        LeadView lead = leads.lead(id);
        if (!errors.hasErrors()) {
            try {
                comments.add(id, lead.displayName(), form.getBody(), me.accountId(), me.getDisplayName());
                redirect.addFlashAttribute("flashSuccess", "comment.added");
                return "redirect:/leads/" + id + "#comments";
            } catch (Refusal refusal) {
                Refusals.reject(refusal, errors);
            }
        }
        response.setStatus(422);
        return detail(id, me, request, response, model);
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
                Refusals.reject(changed, errors);
            } catch (Refusal refusal) {
                report(refusal, errors, model);
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

    /** The refusal at the form's fields; a duplicate also links the lead that exists. */
    private static void report(Refusal refusal, BindingResult errors, Model model) {
        if (refusal instanceof LeadProblem.ErasedPerson) {
            model.addAttribute("erasedPerson", true);
        }
        if (refusal instanceof LeadProblem.Duplicate duplicate) {
            model.addAttribute("duplicateId", duplicate.existingId());
            model.addAttribute("duplicateName", duplicate.existingName());
        }
        Refusals.reject(refusal, errors);
    }

    /** The fields where the saved lead now differs from what the editor submitted. */
    static List<Difference> differences(LeadInput saved, LeadInput mine) {
        return saved.changesTo(mine).stream()
                .map(c -> new Difference(c.field(), Objects.toString(c.before(), ""), Objects.toString(c.after(), "")))
                .toList();
    }

    record Difference(String field, String saved, String yours) {}
}
