package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import java.time.Instant;

/** One version of an agreement, with who proposed and who decided, when and why. */
public record AgreementVersion(
        long id,
        Kind kind,
        int number,
        Status status,
        String content,
        String summary,
        Long proposedBy,
        String proposedByName,
        Team proposedTeam,
        Instant proposedAt,
        Long decidedBy,
        String decidedByName,
        Instant decidedAt,
        String decisionComment,
        Instant activatedAt,
        Instant supersededAt) {

    public boolean open() {
        return status == Status.PROPOSED;
    }
}
