package io.leadbridge.agreement;

import io.leadbridge.account.Role.Team;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The agreement's versions and comments as they are read: a version with who proposed and decided it, and the version
 * it was made on. {@link AgreementManagement} publishes these reads and runs them inside its own transactions.
 */
@Component
class AgreementVersions {

    private static final String COLUMNS = """
            v.id, v.kind, v.number, v.status, v.content::text as content, v.summary, v.proposed_by,
            p.display_name as proposed_by_name, v.proposed_team, v.proposed_at, v.decided_by,
            d.display_name as decided_by_name, v.decided_at, v.decision_comment, v.activated_at, v.superseded_at,
            v.base_version_id, b.number as base_number, v.outdated_at
            from agreement_version v
            left join account_person p on p.tenant_id = v.tenant_id and p.id = v.proposed_by
            left join account_person d on d.tenant_id = v.tenant_id and d.id = v.decided_by
            left join agreement_version b on b.tenant_id = v.tenant_id and b.id = v.base_version_id
            """;

    private final JdbcClient jdbc;

    AgreementVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AgreementVersion> active(Kind kind) {
        return jdbc.sql("select " + COLUMNS + " where v.tenant_id = ? and v.kind = ? and v.status = 'ACTIVE'")
                .params(CurrentTenant.require(), kind.name())
                .query(AgreementVersions::version)
                .optional();
    }

    /** Every version of the kind, newest first. */
    public List<AgreementVersion> history(Kind kind) {
        return jdbc.sql("select " + COLUMNS + " where v.tenant_id = ? and v.kind = ?"
                        + " and v.status <> 'DRAFT' and not (v.status = 'WITHDRAWN' and v.proposed_at is null)"
                        + " and (v.proposed_at is not null or v.activated_at is not null) order by v.number desc")
                .params(CurrentTenant.require(), kind.name())
                .query(AgreementVersions::version)
                .list();
    }

    public AgreementVersion version(Kind kind, long id) {
        return jdbc.sql("select " + COLUMNS + " where v.tenant_id = ? and v.kind = ? and v.id = ?")
                .params(CurrentTenant.require(), kind.name(), id)
                .query(AgreementVersions::version)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /**
     * A version that is or was the agreement in force, the only kind a proposal can be made on; any other id (a
     * proposal, someone's private draft, another workspace's version) answers 404, so a posted base reveals nothing.
     */
    public AgreementVersion pastOrActiveVersion(Kind kind, long id) {
        return jdbc.sql("select " + COLUMNS
                        + " where v.tenant_id = ? and v.kind = ? and v.id = ? and v.status in ('ACTIVE', 'SUPERSEDED')")
                .params(CurrentTenant.require(), kind.name(), id)
                .query(AgreementVersions::version)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    public List<AgreementComment> comments(long versionId) {
        return jdbc.sql("""
                        select c.id, a.display_name, c.body, c.created_at from agreement_comment c
                        join account_person a on a.tenant_id = c.tenant_id and a.id = c.author_id
                        where c.tenant_id = ? and c.version_id = ? order by c.created_at, c.id
                        """)
                .params(CurrentTenant.require(), versionId)
                .query((rs, row) -> new AgreementComment(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** The id of the active version of the kind, if there is one. */
    public Long activeId(Kind kind) {
        return jdbc.sql("select id from agreement_version where tenant_id = ? and kind = ? and status = 'ACTIVE'")
                .params(CurrentTenant.require(), kind.name())
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /** The person's own drafts. */
    public List<AgreementVersion> drafts(Kind kind, SignedInAccount person) {
        return jdbc.sql("select " + COLUMNS
                        + " where v.tenant_id = ? and v.kind = ? and v.status = 'DRAFT' and v.proposed_by = ?"
                        + " order by v.number desc")
                .params(CurrentTenant.require(), kind.name(), person.accountId())
                .query(AgreementVersions::version)
                .list();
    }

    /** A version as {@code person} may see it: another person's draft is not there for them. */
    public AgreementVersion visibleVersion(Kind kind, long id, SignedInAccount person) {
        AgreementVersion version = version(kind, id);
        if (version.status() == Status.DRAFT
                && !Long.valueOf(person.accountId()).equals(version.proposedBy())) {
            throw new NotFoundException();
        }
        return version;
    }

    private static AgreementVersion version(ResultSet rs, int row) throws SQLException {
        return new AgreementVersion(
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getInt("number"),
                Status.valueOf(rs.getString("status")),
                rs.getString("content"),
                rs.getString("summary"),
                (Long) rs.getObject("proposed_by"),
                rs.getString("proposed_by_name"),
                rs.getString("proposed_team") == null ? null : Team.valueOf(rs.getString("proposed_team")),
                instant(rs.getTimestamp("proposed_at")),
                (Long) rs.getObject("decided_by"),
                rs.getString("decided_by_name"),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("decision_comment"),
                instant(rs.getTimestamp("activated_at")),
                instant(rs.getTimestamp("superseded_at")),
                (Long) rs.getObject("base_version_id"),
                (Integer) rs.getObject("base_number"),
                instant(rs.getTimestamp("outdated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
