-- A proposal records the version it was based on (the active one when it was started). Approving it is a conditional
-- update "its base is still the active version"; when another version becomes active first, the open proposals on
-- an older base become OUTDATED: nobody approves them as they stand (their diff would undo what both teams just
-- agreed), and their author re-proposes the change on top of the active version. A base of NULL means "no version
-- was active" (a funnel still on the defaults).
ALTER TABLE agreement_version
    ADD COLUMN base_version_id bigint,
    ADD COLUMN outdated_at     timestamptz,
    ADD CONSTRAINT agreement_version_base_fk FOREIGN KEY (tenant_id, base_version_id)
        REFERENCES agreement_version (tenant_id, id);

ALTER TABLE agreement_version DROP CONSTRAINT agreement_version_status_check;
ALTER TABLE agreement_version ADD CONSTRAINT agreement_version_status_check
    CHECK (status IN ('DRAFT', 'PROPOSED', 'OUTDATED', 'ACTIVE', 'SUPERSEDED', 'DECLINED', 'WITHDRAWN'));

-- Open proposals are found by their base when a version becomes active.
CREATE INDEX agreement_version_open_base_idx ON agreement_version (tenant_id, kind, base_version_id)
    WHERE status = 'PROPOSED';

-- Existing proposals and drafts had no recorded base: it is the version that was active when they were proposed
-- (a draft: when it was started), the latest one activated by then.
UPDATE agreement_version p
SET base_version_id = (
    SELECT b.id FROM agreement_version b
    WHERE b.tenant_id = p.tenant_id AND b.kind = p.kind AND b.id <> p.id
      AND b.activated_at <= coalesce(p.proposed_at, p.created_at)
      AND (b.superseded_at IS NULL OR b.superseded_at > coalesce(p.proposed_at, p.created_at))
    ORDER BY b.activated_at DESC, b.number DESC
    LIMIT 1)
WHERE p.proposed_by IS NOT NULL AND p.status IN ('DRAFT', 'PROPOSED', 'DECLINED', 'WITHDRAWN', 'ACTIVE', 'SUPERSEDED');

-- An open proposal whose base is no longer the active version (or whose base could not be found while a version is
-- active) is outdated from now on; its author re-proposes it on top of the active version.
UPDATE agreement_version p
SET status = 'OUTDATED', outdated_at = now(), version = p.version + 1
WHERE p.status = 'PROPOSED'
  AND p.base_version_id IS DISTINCT FROM (
      SELECT a.id FROM agreement_version a
      WHERE a.tenant_id = p.tenant_id AND a.kind = p.kind AND a.status = 'ACTIVE');
