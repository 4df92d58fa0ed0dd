package io.leadbridge.lead;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named move of a lead between stages, asked of {@link LeadManagement#move(LeadMove)}: which move, which lead, the
 * version the asker saw, who moves it and what becomes of its owner. The lead's stage machine ({@link Kind}) says from
 * which stages each move is legal; the funnel agreement feeds it the owner after a step and the steps a team may take.
 * The module that asked publishes the move, with its facts, as its own typed event (docs/adr/0008).
 */
public record LeadMove(
        Kind kind, long leadId, long expectedVersion, Stage to, OwnerChange owner, BigDecimal dealValue, Actor actor) {

    /**
     * The manual steps along the funnel, by the stage a lead is in: forward, back to nurture (recycle), out
     * (disqualified, lost). The handoff's stages have their own moves (accept, reject, the liaison's decision); terminal
     * stages are final. Who may take a step is the funnel agreement's rule.
     */
    private static final Map<Stage, List<Stage>> STEPS = Map.of(
            Stage.NEW_INQUIRY, List.of(Stage.NURTURE, Stage.MARKETING_QUALIFIED, Stage.DISQUALIFIED),
            Stage.NURTURE, List.of(Stage.MARKETING_QUALIFIED, Stage.DISQUALIFIED),
            Stage.MARKETING_QUALIFIED, List.of(Stage.NURTURE, Stage.DISQUALIFIED),
            Stage.REJECTED, List.of(Stage.NURTURE, Stage.DISQUALIFIED),
            Stage.SALES_ACCEPTED, List.of(Stage.SALES_QUALIFIED, Stage.NURTURE, Stage.LOST, Stage.DISQUALIFIED),
            Stage.SALES_QUALIFIED, List.of(Stage.OPPORTUNITY, Stage.NURTURE, Stage.LOST, Stage.DISQUALIFIED),
            Stage.OPPORTUNITY, List.of(Stage.WON, Stage.LOST, Stage.NURTURE));

    /** The moves the lead knows, each legal only from its stages. */
    public enum Kind {
        /** A manual step along the funnel ({@link #steps(Stage)}). */
        STEP(EnumSet.noneOf(Stage.class), null),
        HAND_OFF(EnumSet.of(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.MARKETING_QUALIFIED), Stage.AWAITING_ACCEPTANCE),
        ACCEPT(EnumSet.of(Stage.AWAITING_ACCEPTANCE), Stage.SALES_ACCEPTED),
        REJECT(EnumSet.of(Stage.AWAITING_ACCEPTANCE), Stage.REJECTED),
        /** A rep takes back their decision: the lead awaits acceptance again. */
        UNDO_DECISION(EnumSet.of(Stage.SALES_ACCEPTED, Stage.REJECTED), Stage.AWAITING_ACCEPTANCE),
        /** Another rep is to decide: the lead stays where it is, one version on. */
        REASSIGN(EnumSet.of(Stage.AWAITING_ACCEPTANCE), Stage.AWAITING_ACCEPTANCE),
        /** The liaison overturned a rejection: the lead is handed to sales again. */
        HAND_BACK(EnumSet.of(Stage.IN_DISPUTE), Stage.AWAITING_ACCEPTANCE),
        RETURN_TO_MARKETING(EnumSet.of(Stage.AWAITING_ACCEPTANCE), Stage.MARKETING_QUALIFIED),
        DISPUTE(EnumSet.of(Stage.REJECTED), Stage.IN_DISPUTE),
        UPHOLD(EnumSet.of(Stage.IN_DISPUTE), Stage.REJECTED);

        private final Set<Stage> from;
        private final Stage to;

        Kind(Set<Stage> from, Stage to) {
            this.from = from;
            this.to = to;
        }
    }

    public LeadMove {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(actor, "actor");
    }

    /** The manual steps from {@code stage} along the funnel; none from a terminal stage or one a handoff owns. */
    public static List<Stage> steps(Stage stage) {
        return STEPS.getOrDefault(stage, List.of());
    }

    /** Whether this move may start from {@code from}. */
    public boolean legalFrom(Stage from) {
        return kind == Kind.STEP ? steps(from).contains(to) : kind.from.contains(from);
    }

    public static LeadMove step(
            long leadId, long version, Stage to, OwnerChange owner, BigDecimal dealValue, Actor actor) {
        return new LeadMove(Kind.STEP, leadId, version, to, owner, dealValue, actor);
    }

    public static LeadMove handOff(long leadId, long version, Actor actor) {
        return of(Kind.HAND_OFF, leadId, version, OwnerChange.keep(), actor);
    }

    /** The rep accepts: the lead is theirs. */
    public static LeadMove accept(long leadId, long version, long repId, Actor actor) {
        return of(Kind.ACCEPT, leadId, version, OwnerChange.to(repId), actor);
    }

    public static LeadMove reject(long leadId, long version, Actor actor) {
        return of(Kind.REJECT, leadId, version, OwnerChange.clear(), actor);
    }

    /** Undoes a decision made at {@code versionAfterDecision}, giving the lead back to its owner before (if any). */
    public static LeadMove undoDecision(long leadId, long versionAfterDecision, Long ownerBefore, Actor actor) {
        return of(
                Kind.UNDO_DECISION,
                leadId,
                versionAfterDecision,
                ownerBefore == null ? OwnerChange.clear() : OwnerChange.to(ownerBefore),
                actor);
    }

    public static LeadMove reassign(long leadId, long version, Actor actor) {
        return of(Kind.REASSIGN, leadId, version, OwnerChange.keep(), actor);
    }

    public static LeadMove handBack(long leadId, long version, Actor actor) {
        return of(Kind.HAND_BACK, leadId, version, OwnerChange.clear(), actor);
    }

    public static LeadMove returnToMarketing(long leadId, long version, Actor actor) {
        return of(Kind.RETURN_TO_MARKETING, leadId, version, OwnerChange.clear(), actor);
    }

    public static LeadMove dispute(long leadId, long version, Actor actor) {
        return of(Kind.DISPUTE, leadId, version, OwnerChange.keep(), actor);
    }

    public static LeadMove uphold(long leadId, long version, Actor actor) {
        return of(Kind.UPHOLD, leadId, version, OwnerChange.keep(), actor);
    }

    private static LeadMove of(Kind kind, long leadId, long version, OwnerChange owner, Actor actor) {
        return new LeadMove(kind, leadId, version, kind.to, owner, null, actor);
    }
}
