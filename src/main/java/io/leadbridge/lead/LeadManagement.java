package io.leadbridge.lead;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.lead.LeadProblem.CodedProblem;
import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.privacy.ErasedPeople;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import io.leadbridge.timeline.FieldChange;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, edits, finds and lists the workspace's leads. Every channel (form, API, CSV) comes through here. */
@Service
public class LeadManagement {

    public static final String CREATED = "CREATED";
    public static final String EDITED = "EDITED";

    /** How long a lead that came back counts as recently re-engaged: the list's filter and the lead page's badge. */
    public static final java.time.Duration RE_ENGAGED_RECENTLY = LeadReturns.RECENTLY;

    /** How far ahead of this server's clock a consent's time may lie (the client's clock may run ahead a little). */
    static final java.time.Duration CONSENT_CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    /** How a lead came in. */
    public enum Channel {
        FORM,
        API,
        IMPORT
    }

    private final LeadRepository leads;
    private final LeadSearch search;
    private final Industries industries;
    private final AccountManagement accounts;
    private final Formats formats;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Validator validator;
    private final LeadInputCheck quickCheck;

    private static final TraversableResolver EVERYTHING_REACHABLE = new TraversableResolver() {
        @Override
        public boolean isReachable(
                Object bean, Path.Node property, Class<?> rootBean, Path path, java.lang.annotation.ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object bean, Path.Node property, Class<?> rootBean, Path path, java.lang.annotation.ElementType type) {
            return true;
        }
    };
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final LeadMoves moves;
    private final List<LeadEvaluator> evaluators;
    private final ErasedPeople erasedPeople;
    private final LeadReads reads;

    LeadManagement(
            LeadRepository leads,
            LeadSearch search,
            Industries industries,
            AccountManagement accounts,
            Formats formats,
            DataSource dataSource,
            Validator validator,
            MessageSource messages,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            LeadMoves moves,
            List<LeadEvaluator> evaluators,
            ErasedPeople erasedPeople,
            LeadReads reads) {
        this.erasedPeople = erasedPeople;
        this.reads = reads;
        this.leads = leads;
        this.search = search;
        this.industries = industries;
        this.accounts = accounts;
        this.formats = formats;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        // A lead's input is never an entity, so whether a property is "reachable" (JPA's lazy-loading question, which
        // Hibernate Validator asks for every constraint when JPA is present) is always yes: asking was an eighth of a
        // 100,000-row import check's CPU samples (issue 21).
        this.validator = validator instanceof ValidatorFactory factory
                ? factory.usingContext()
                        .traversableResolver(EVERYTHING_REACHABLE)
                        .getValidator()
                : validator;
        this.quickCheck = LeadInputCheck.of(this.validator);
        this.messages = messages;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.moves = moves;
        this.evaluators = evaluators;
    }

    /**
     * Creates a lead. The same {@code submissionKey} (a form submitted twice) answers the lead the first submission
     * created; a second lead with the same e-mail address is refused with {@link LeadProblem.Duplicate}.
     */
    public LeadView create(LeadInput raw, UUID submissionKey, Actor actor, Channel channel) {
        LeadInput input = raw.normalized();
        try {
            return oneRetryOnRace(() -> transaction.execute(status -> {
                Optional<LeadView> earlier = submitted(submissionKey);
                return earlier.isPresent()
                        ? earlier.get()
                        : createInTransaction(input, null, submissionKey, actor, channel);
            }));
        } catch (LeadProblem.Duplicate duplicate) {
            // The same form, submitted twice at once, may find its twin's lead by e-mail before by key.
            Optional<LeadView> earlier = transaction.execute(status -> submitted(submissionKey));
            if (earlier != null && earlier.isPresent()) {
                return earlier.get();
            }
            throw duplicate;
        }
    }

    private Optional<LeadView> submitted(UUID submissionKey) {
        return submissionKey == null
                ? Optional.empty()
                : leads.findBySubmissionKey(submissionKey).map(this::view);
    }

    /** Creates a lead inside the caller's transaction; the input must be {@link LeadInput#normalized()}. */
    LeadView createInTransaction(LeadInput input, Stage stage, UUID submissionKey, Actor actor, Channel channel) {
        List<FieldProblem> problems = problems(input);
        if (!problems.isEmpty()) {
            throw new LeadProblem.Invalid(problems);
        }
        refuseDuplicate(input, null);
        refuseErased(input);
        Lead lead = leads.saveAndFlush(new Lead(
                input,
                stage,
                submissionKey,
                actor.personId(),
                LeadOrigin.of(actor, channel, null, null),
                clock.instant()));
        evaluate(lead.id());
        events.publishEvent(new LeadCreated(CurrentTenant.require(), lead.id(), actor, channel));
        return view(lead);
    }

    /** Saves an edit made on the version the editor saw; a newer version by someone else is never overwritten. */
    public LeadView edit(long id, LeadInput raw, long expectedVersion, Actor actor) {
        LeadInput input = raw.normalized();
        try {
            return oneRetryOnRace(() -> transaction.execute(status -> {
                Lead lead = leads.findById(id).orElseThrow(NotFoundException::new);
                if (lead.version() != expectedVersion) {
                    throw new LeadProblem.ChangedMeanwhile(view(lead));
                }
                List<FieldProblem> problems = problems(input);
                if (!problems.isEmpty()) {
                    throw new LeadProblem.Invalid(problems);
                }
                refuseDuplicate(input, id);
                List<FieldChange> changes = lead.edit(input, clock.instant());
                if (!changes.isEmpty()) {
                    leads.saveAndFlush(lead);
                    evaluate(id);
                    events.publishEvent(new LeadEdited(CurrentTenant.require(), id, actor, changes));
                }
                return view(lead);
            }));
        } catch (OptimisticLockingFailureException e) {
            throw new LeadProblem.ChangedMeanwhile(lead(id));
        }
    }

    /**
     * Has the lead, just written and flushed, evaluated by every {@link LeadEvaluator} (the criteria), in this
     * transaction: it commits with its evaluation or not at all.
     */
    private void evaluate(long id) {
        evaluators.forEach(evaluator -> evaluator.evaluate(List.of(id)));
    }

    /**
     * Makes a named move of a lead, in the caller's transaction, on the lead's row locked for it: it happens only while
     * the lead is still at the version the asker saw, so of two people acting on the same lead at once exactly one
     * moves it. Answers false when the lead changed meanwhile (the asker says so in its own words); a move the stage machine
     * does not allow from the lead's stage is refused. The asker publishes what it decided as its own event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean move(LeadMove move) {
        return moves.move(move).isPresent();
    }

    /** The lead as it is now in the caller's transaction (read fresh: nothing of it is held by this transaction yet). */
    LeadView viewInTransaction(long id) {
        return view(leads.findById(id).orElseThrow(NotFoundException::new));
    }

    @Transactional(readOnly = true)
    public LeadView lead(long id) {
        return view(leads.findById(id).orElseThrow(NotFoundException::new));
    }

    /**
     * The same as {@link #lead(long)}, read with plain SQL instead of the entity: for a page that only shows the lead
     * (the lead's page), not for a read in a transaction that changes it.
     */
    @Transactional(readOnly = true)
    public LeadView leadToShow(long id) {
        return view(reads.find(id).orElseThrow(NotFoundException::new));
    }

    @Transactional(readOnly = true)
    public List<String> industries() {
        return industries.codes();
    }

    /**
     * Writes the leads the query matches as CSV (the columns the import reads, plus stage and creation time),
     * streamed from the database. Cells a spreadsheet would run as a formula are neutralised.
     */
    @Transactional(readOnly = true)
    public void export(LeadQuery query, Writer out) throws IOException {
        export(query, out, ',');
    }

    /**
     * The same, with the given separator between cells: a comma, or a semicolon for the spreadsheets of countries that
     * write decimal commas (German Excel opens only such a file as columns).
     */
    @Transactional(readOnly = true)
    public void export(LeadQuery query, Writer out, char delimiter) throws IOException {
        export(query, out, delimiter, rows -> {});
    }

    /**
     * The same, telling {@code written} the number of lead rows written so far after each row (for the access log: an
     * export that breaks off still says how far it came).
     */
    @Transactional(readOnly = true)
    public void export(LeadQuery query, Writer out, char delimiter, java.util.function.IntConsumer written)
            throws IOException {
        int[] count = {0};
        List<String> header = new ArrayList<>(LeadCsv.FIELDS);
        header.add("stage");
        header.add("createdAt");
        CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get());
        printer.printRecord(header);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        search.stream(query, formats.zone(), template, rs -> {
            try {
                printer.printRecord(
                        safe(rs.getString("external_id")),
                        safe(rs.getString("first_name")),
                        safe(rs.getString("last_name")),
                        safe(rs.getString("email")),
                        safe(rs.getString("phone")),
                        safe(rs.getString("job_title")),
                        safe(rs.getString("company_name")),
                        safe(rs.getString("website")),
                        rs.getObject("employees"),
                        rs.getString("industry"),
                        safe(rs.getString("department")),
                        rs.getString("country"),
                        safe(rs.getString("source")),
                        safe(rs.getString("campaign")),
                        rs.getObject("engagement_score"),
                        rs.getBoolean("project_planned"),
                        rs.getBoolean("budget_confirmed"),
                        rs.getString("purchase_timeline"),
                        rs.getString("stage"),
                        rs.getTimestamp("created_at").toInstant());
                written.accept(++count[0]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    /** A cell starting with = + - @ (or a tab or return) is what spreadsheets run as a formula: make it text. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }

    @Transactional(readOnly = true)
    public LeadPage list(LeadQuery query) {
        return search.page(query, formats.zone());
    }

    private LeadView view(Lead lead) {
        return view(lead.stored());
    }

    /** The lead's view with the names of its owner and of who created it (either may be none), read in one go. */
    private LeadView view(StoredLead lead) {
        Set<Long> people = new HashSet<>();
        if (lead.ownerId() != null) {
            people.add(lead.ownerId());
        }
        if (lead.createdBy() != null) {
            people.add(lead.createdBy());
        }
        Map<Long, String> names = accounts.names(people);
        return lead.view(names.get(lead.ownerId()), names.get(lead.createdBy()));
    }

    /** What is wrong with a lead as received, before anything is written: field by field, or nothing. */
    @Transactional(readOnly = true)
    public List<FieldProblem> check(LeadInput raw) {
        return problems(raw.normalized());
    }

    /** Everything wrong with the input, field by field, in the reader's language; empty when it is fine. */
    List<FieldProblem> problems(LeadInput input) {
        return problems(input, input.getIndustry() == null ? List.of() : industries.codes());
    }

    /** The same, against an industry list the caller looked up once (for many leads at a time). */
    List<FieldProblem> problems(LeadInput input, List<String> codes) {
        return codedProblems(input, codes).stream()
                .map(p -> new FieldProblem(p.field(), text(p, LocaleContextHolder.getLocale())))
                .toList();
    }

    /** Everything wrong with the input, field by field, as codes of the bundles (to be worded when read). */
    List<CodedProblem> codedProblems(LeadInput input, List<String> codes) {
        List<CodedProblem> problems = new ArrayList<>();
        // Bean Validation only for an input the quick check does not pass: it words every problem (issue 21).
        for (ConstraintViolation<LeadInput> violation : quickCheck.certainlyValid(input)
                ? java.util.Set.<ConstraintViolation<LeadInput>>of()
                : validator.validate(input)) {
            String template = violation.getMessageTemplate();
            Map<String, Object> arguments = new LinkedHashMap<>();
            violation.getConstraintDescriptor().getAttributes().forEach((name, value) -> {
                if (value instanceof Number || value instanceof CharSequence) {
                    arguments.put(name, value);
                }
            });
            arguments.remove("message");
            problems.add(new CodedProblem(
                    violation.getPropertyPath().toString(),
                    template.startsWith("{") && template.endsWith("}")
                            ? template.substring(1, template.length() - 1)
                            : template,
                    arguments));
        }
        if (input.getIndustry() != null) {
            if (!codes.contains(input.getIndustry())) {
                problems.add(CodedProblem.of("industry", "validation.industry", String.join(", ", codes)));
            }
        }
        if (input.getLegalBasis() == LegalBasis.CONSENT) {
            if (input.getConsentText() == null || input.getConsentText().isBlank()) {
                problems.add(CodedProblem.of("consentText", "validation.consent.text"));
            }
            if (input.getConsentGivenAt() == null) {
                problems.add(CodedProblem.of("consentGivenAt", "validation.consent.time"));
            }
        }
        if (input.getConsentGivenAt() != null
                && input.getConsentGivenAt().isAfter(clock.instant().plus(CONSENT_CLOCK_SKEW))) {
            problems.add(CodedProblem.of("consentGivenAt", "validation.consent.future"));
        }
        problems.sort(Comparator.comparing(CodedProblem::field));
        return problems;
    }

    /**
     * A problem in words, in the given language: the bundle's message with its positional arguments ({@code {0}}) and
     * Bean Validation's named ones ({@code {max}}) filled in.
     */
    String text(CodedProblem problem, Locale locale) {
        List<Object> positional = new ArrayList<>();
        for (int i = 0; problem.arguments().containsKey(Integer.toString(i)); i++) {
            positional.add(problem.arguments().get(Integer.toString(i)));
        }
        String text = messages.getMessage(
                problem.code(), positional.isEmpty() ? null : positional.toArray(), problem.code(), locale);
        for (Map.Entry<String, Object> argument : problem.arguments().entrySet()) {
            if (!argument.getKey().chars().allMatch(Character::isDigit)) {
                text = text.replace("{" + argument.getKey() + "}", String.valueOf(argument.getValue()));
            }
        }
        return text;
    }

    /** A lead with the same e-mail address (any case) or the same external id is never created twice. */
    /** An erased person's address is created again only when the request confirms it (one indexed look-up). */
    void refuseErased(LeadInput input) {
        if (!Boolean.TRUE.equals(input.getConfirmErased()) && erasedPeople.wasErased(input.getEmail())) {
            throw new LeadProblem.ErasedPerson();
        }
    }

    void refuseDuplicate(LeadInput input, Long self) {
        holder("lower(email) = lower(?)", input.getEmail())
                .filter(existing -> self == null || existing.id() != self)
                .ifPresent(existing -> {
                    throw new LeadProblem.Duplicate(existing.id(), existing.name(), "email");
                });
        if (input.getExternalId() != null) {
            holder("external_id = ?", input.getExternalId())
                    .filter(existing -> self == null || existing.id() != self)
                    .ifPresent(existing -> {
                        throw new LeadProblem.Duplicate(existing.id(), existing.name(), "externalId");
                    });
        }
    }

    /** The lead that holds an e-mail address or an external id, by its id and its name (as {@link StoredLead#displayName}). */
    private record Holder(long id, String name) {}

    /**
     * The workspace's lead matching the condition, if any: one indexed look-up ({@code lead_email_key}, {@code
     * lead_external_id_key}) in the caller's transaction. Plain JDBC, not a repository query: Hibernate translates a
     * query of a {@code @TenantId} entity again on every call (its plan is not reused while the tenant filter is on),
     * and that translation of the duplicate check, with loading the whole lead for its id and name, was a sixth of a
     * single lead's intake CPU (issue 21). Nothing of the caller's is unflushed here: both callers check before they
     * write the lead.
     */
    private Optional<Holder> holder(String condition, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id, first_name, last_name, email from lead where tenant_id = ? and " + condition)
                .params(CurrentTenant.require(), value)
                .query((rs, row) -> new Holder(
                        rs.getLong("id"),
                        StoredLead.displayName(
                                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"))))
                .optional();
    }

    /**
     * Two requests racing past the checks meet at a unique index; the loser runs once more, and then sees the
     * winner's lead (and answers as the checks say).
     */
    static <T> T oneRetryOnRace(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataIntegrityViolationException race) {
            return work.get();
        }
    }
}
