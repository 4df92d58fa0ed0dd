package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import java.time.Instant;

/**
 * One version of an agreement, with who proposed and who decided, when and why; a proposal also with the version it
 * was based on ({@code baseVersionId}, null if no version was active then).
 */
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
        Instant supersededAt,
        Long baseVersionId,
        Integer baseNumber,
        Instant outdatedAt) {

    public boolean open() {
        return status == Status.PROPOSED;
    }

    public boolean outdated() {
        return status == Status.OUTDATED;
    }
}
