package io.leadbridge.agreement;

import io.leadbridge.account.Role;
import io.leadbridge.account.Role.Team;
import io.leadbridge.account.SignedInAccount;
import java.util.Optional;

/**
 * What a person may do with a version, and if not, why; {@code repropose}: the author of an outdated proposal may
 * propose its change again on top of the active version. A person of the team that did not propose a version decides
 * it; nobody approves their own team's proposal, so someone in both teams decides neither team's; a liaison comments
 * but does not approve alone.
 */
public record Permissions(boolean approve, boolean decline, boolean withdraw, boolean repropose, String whyNotApprove) {

    static Permissions of(AgreementVersion version, SignedInAccount person) {
        boolean open = version.status() == Status.PROPOSED;
        boolean proposer = version.proposedBy() != null && version.proposedBy() == person.accountId();
        Optional<Team> proposingTeam = Optional.ofNullable(version.proposedTeam());
        boolean ofOtherTeam =
                proposingTeam.map(team -> inTeam(person, other(team))).orElse(false);
        boolean ofProposingTeam =
                proposingTeam.map(team -> inTeam(person, team)).orElse(false);
        String whyNot = null;
        if (version.outdated()) {
            whyNot = "agreement.outdated";
        } else if (!open) {
            whyNot = "agreement.notOpen";
        } else if (proposer) {
            whyNot = "agreement.ownProposal";
        } else if (ofOtherTeam && ofProposingTeam) {
            // In both teams, they would approve their own team's proposal: the other side has not agreed.
            whyNot = "agreement.bothTeams." + proposingTeam.get().name();
        } else if (!ofOtherTeam) {
            whyNot = person.has(Role.LIAISON) && !inAnyTeam(person)
                    ? "agreement.liaisonCannotApprove"
                    : "agreement.otherTeamApproves";
        }
        // Who may approve may decline; only the proposer withdraws.
        return new Permissions(
                whyNot == null, whyNot == null, open && proposer, version.outdated() && proposer, whyNot);
    }

    /** The team a person proposes for: marketing if they are a marketer, else sales if a sales rep. */
    static Optional<Team> teamOf(SignedInAccount person) {
        if (person.has(Role.MARKETER)) {
            return Optional.of(Team.MARKETING);
        }
        if (person.has(Role.SALES_REP)) {
            return Optional.of(Team.SALES);
        }
        return Optional.empty();
    }

    private static boolean inTeam(SignedInAccount person, Team team) {
        return person.roles().stream().anyMatch(role -> role.team().equals(Optional.of(team)));
    }

    private static boolean inAnyTeam(SignedInAccount person) {
        return person.has(Role.MARKETER) || person.has(Role.SALES_REP);
    }

    static Team other(Team team) {
        return team == Team.MARKETING ? Team.SALES : Team.MARKETING;
    }
}
