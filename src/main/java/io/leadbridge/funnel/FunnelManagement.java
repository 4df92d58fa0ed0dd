package io.leadbridge.funnel;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementContent;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.AgreementVersion;
import io.leadbridge.agreement.Kind;
import io.leadbridge.funnel.Funnel.Owner;
import io.leadbridge.funnel.Funnel.StageRule;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.OwnerChange;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.WorkspaceOpened;
import io.leadbridge.text.PlainTexts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The funnel agreement (proposals, the active version, history and diff) and the moves of leads between stages: only
 * the team owning a lead's current stage, or the liaison, moves it out, and only along the funnel.
 */
@Service
public class FunnelManagement implements AgreementContent<FunnelManagement.Version> {

    public static final String STAGE_CHANGED = "STAGE_CHANGED";
    public static final BigDecimal MAX_DEAL_VALUE = new BigDecimal("999999999999.99");

    private final AgreementManagement agreements;
    private final LeadManagement leads;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    /** Parsed funnels by their JSON (see {@link #parse}); bounded. */
    private final Map<String, Funnel> parsed = new ConcurrentHashMap<>();

    private static final int PARSED_KEPT = 1_000;

    FunnelManagement(
            AgreementManagement agreements,
            LeadManagement leads,
            ObjectMapper json,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events) {
        this.agreements = agreements;
        this.events = events;
        this.leads = leads;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A version of the funnel: the agreement record (none for a workspace still on the defaults) and its content. */
    public record Version(AgreementVersion agreement, Funnel funnel) implements AgreementContent.Versioned {}

    /** One difference between two versions: a stage's field, or a funnel-wide setting when {@code stage} is null. */
    public record Difference(Stage stage, String field, String before, String after) {}

    /**
     * The funnel an agreement's JSON holds. Read on most pages (the handoff's clock, the dashboards' promises), so the
     * parsed value (immutable) is kept per content: a workspace's active version is parsed once, not on every view.
     */
    Funnel parse(String content) {
        Funnel funnel = parsed.get(content);
        if (funnel == null) {
            funnel = json.readValue(content, Funnel.class);
            if (parsed.size() >= PARSED_KEPT) {
                parsed.clear();
            }
            parsed.put(content, funnel);
        }
        return funnel;
    }

    String json(Funnel funnel) {
        return json.writeValueAsString(funnel);
    }

    @Transactional(readOnly = true)
    public Version active() {
        return agreements
                .active(Kind.FUNNEL)
                .map(v -> new Version(v, parse(v.content())))
                .orElseGet(() -> new Version(null, Funnel.defaults()));
    }

    @Transactional(readOnly = true)
    public List<Version> history() {
        return agreements.history(Kind.FUNNEL).stream()
                .map(v -> new Version(v, parse(v.content())))
                .toList();
    }

    @Transactional(readOnly = true)
    public Version version(long id, SignedInAccount person) {
        AgreementVersion version = agreements.visibleVersion(Kind.FUNNEL, id, person);
        return new Version(version, parse(version.content()));
    }

    /** Proposes a version on top of the active one. */
    public Version propose(Funnel funnel, String summary, SignedInAccount person) {
        return new Version(agreements.propose(Kind.FUNNEL, json(funnel), summary, person), funnel);
    }

    /**
     * Proposes a version made on the version {@code baseId} (null: the defaults, no version active); refused with
     * {@code agreement.baseChanged} if that is no longer the active one.
     */
    public Version propose(Long baseId, Funnel funnel, String summary, SignedInAccount person) {
        return new Version(agreements.propose(Kind.FUNNEL, null, baseId, json(funnel), summary, person), funnel);
    }

    /**
     * The funnel of a version that is or was in force, as a base posted with a form (null: the defaults); any other id
     * answers 404.
     */
    @Transactional(readOnly = true)
    public Funnel baseFunnel(Long id) {
        return id == null
                ? Funnel.defaults()
                : parse(agreements.pastOrActiveVersion(Kind.FUNNEL, id).content());
    }

    /** The funnel of the version {@code id} of this workspace; the defaults for null. */
    @Transactional(readOnly = true)
    public Funnel funnelOf(Long id) {
        return id == null
                ? Funnel.defaults()
                : parse(agreements.version(Kind.FUNNEL, id).content());
    }

    /**
     * What {@code funnel}, made on the version {@code baseId}, says on top of the active version: its changes relative
     * to its base, applied to the active version.
     */
    @Transactional(readOnly = true)
    public Funnel onTopOfActive(Long baseId, Funnel funnel) {
        Version active = active();
        Long activeId = active.agreement() == null ? null : active.agreement().id();
        if (Objects.equals(baseId, activeId)) {
            return funnel;
        }
        return funnel.changesOnto(funnelOf(baseId), active.funnel());
    }

    /** The version a proposal was made on; the defaults for a proposal made while none was active. */
    @Override
    @Transactional(readOnly = true)
    public Optional<Version> madeOn(Long baseVersionId) {
        return Optional.of(
                baseVersionId == null
                        ? new Version(null, Funnel.defaults())
                        : new Version(agreements.version(Kind.FUNNEL, baseVersionId), funnelOf(baseVersionId)));
    }

    @Override
    public List<Difference> differences(Version before, Version after) {
        return diff(before.funnel(), after.funnel());
    }

    public List<Difference> diff(Funnel before, Funnel after) {
        List<Difference> differences = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            StageRule b = before.rule(stage);
            StageRule a = after.rule(stage);
            add(differences, stage, "name", b.name(), a.name());
            add(differences, stage, "owner", b.owner(), a.owner());
            add(differences, stage, "exitCriteria", b.exitCriteria(), a.exitCriteria());
            add(differences, stage, "slaHours", b.slaHours(), a.slaHours());
        }
        add(differences, null, "escalationHours", before.escalationHours(), after.escalationHours());
        add(differences, null, "roundRobinCap", before.roundRobinCapPerDay(), after.roundRobinCapPerDay());
        add(
                differences,
                null,
                "promisedQualified",
                before.promisedQualifiedPerMonth(),
                after.promisedQualifiedPerMonth());
        return differences;
    }

    private static void add(List<Difference> differences, Stage stage, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            differences.add(new Difference(
                    stage, field, before == null ? null : before.toString(), after == null ? null : after.toString()));
        }
    }

    /** Whether the person may move the lead out of its current stage: the owning team of that stage, or a liaison. */
    public boolean mayMoveOut(LeadView lead, SignedInAccount person) {
        return mayMoveOut(active().funnel(), lead, person);
    }

    static boolean mayMoveOut(Funnel funnel, LeadView lead, SignedInAccount person) {
        if (person.has(Role.LIAISON)) {
            return true;
        }
        return switch (funnel.owner(lead.stage())) {
            case MARKETING -> person.has(Role.MARKETER);
            case SALES ->
                person.has(Role.SALES_REP) && (lead.ownerId() == null || lead.ownerId() == person.accountId());
            case LIAISON -> false;
        };
    }

    /** The stages this person may move the lead to now (none if it is not theirs to move). */
    @Transactional(readOnly = true)
    public List<Stage> movesFor(LeadView lead, SignedInAccount person) {
        return movesFor(active().funnel(), lead, person);
    }

    static List<Stage> movesFor(Funnel funnel, LeadView lead, SignedInAccount person) {
        return mayMoveOut(funnel, lead, person) ? LeadMove.steps(lead.stage()) : List.of();
    }

    /**
     * Moves a lead to {@code to}. Refused with a {@link Refusal} when the move is not along the funnel, the
     * person's team does not own the current stage, a won deal has no value, or the lead changed since the person saw
     * it at {@code expectedVersion}.
     */
    public LeadView move(
            long leadId, Stage to, Long expectedVersion, BigDecimal dealValue, String note, SignedInAccount person) {
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > 1000) {
            throw Refusal.field("note", "funnel.noteTooLong");
        }
        if (!PlainTexts.multiLine(cleanNote)) {
            throw Refusal.field("note", "validation.plainText");
        }
        return transaction.execute(status -> {
            LeadView lead = leads.lead(leadId);
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw Refusal.conflict("funnel.changed");
            }
            Funnel funnel = active().funnel();
            if (!LeadMove.steps(lead.stage()).contains(to)) {
                throw Refusal.field("to", "funnel.moveNotAllowed");
            }
            if (!mayMoveOut(funnel, lead, person)) {
                throw Refusal.refused("funnel.notYourStage." + funnel.owner(lead.stage()));
            }
            BigDecimal value = null;
            if (to == Stage.WON) {
                if (dealValue == null || dealValue.signum() <= 0 || dealValue.compareTo(MAX_DEAL_VALUE) > 0) {
                    throw Refusal.field("dealValue", "funnel.dealValueRequired");
                }
                value = dealValue.setScale(2, java.math.RoundingMode.HALF_UP);
            }
            Actor mover = Actor.person(person.accountId(), person.getDisplayName());
            boolean moved = leads.move(
                    LeadMove.step(leadId, lead.version(), to, ownerAfter(funnel, lead, to, person), value, mover));
            if (!moved) {
                throw Refusal.conflict("funnel.changed");
            }
            events.publishEvent(
                    new LeadStageChanged(CurrentTenant.require(), leadId, mover, lead.stage(), to, cleanNote, value));
            return leads.lead(leadId);
        });
    }

    /** Back with marketing, a lead has no personal owner; a sales stage keeps its rep (or takes the mover). */
    private static OwnerChange ownerAfter(Funnel funnel, LeadView lead, Stage to, SignedInAccount person) {
        if (to.terminal()) {
            return OwnerChange.keep();
        }
        if (funnel.owner(to) == Owner.MARKETING) {
            return OwnerChange.clear();
        }
        if (lead.ownerId() == null && person.has(Role.SALES_REP)) {
            return OwnerChange.to(person.accountId());
        }
        return OwnerChange.keep();
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(WorkspaceOpened opened) {
        agreements.openWith(Kind.FUNNEL, json(Funnel.defaults()), "Default funnel");
    }
}
