-- Leads at each stage of each workspace (and per owner, for a rep's own figures), kept by the database as leads arrive, move and go, so the funnel on the
-- dashboards never counts a large workspace's leads (a GROUP BY over a million rows takes a few hundred ms).
--
-- Writers never wait for each other: every INSERT/UPDATE/DELETE statement on lead appends its net change per stage
-- to lead_stage_delta (one row per stage it changed, whatever the number of rows). A background job folds the deltas
-- into lead_stage_count every few seconds. A reader adds both, in one snapshot, so the counts are exact at any moment.

-- owner_key is the lead's owner, 0 for leads without one.
CREATE TABLE lead_stage_count (
    tenant_id uuid        NOT NULL REFERENCES tenant (id),
    stage     varchar(40) NOT NULL,
    owner_key bigint      NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, stage, owner_key)
);

CREATE TABLE lead_stage_delta (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid        NOT NULL,
    stage     varchar(40) NOT NULL,
    owner_key bigint      NOT NULL,
    leads     bigint      NOT NULL
);
CREATE INDEX lead_stage_delta_tenant_idx ON lead_stage_delta (tenant_id, owner_key);

CREATE FUNCTION lead_stage_count_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_stage_delta (tenant_id, stage, owner_key, leads)
    SELECT tenant_id, stage, coalesce(owner_id, 0), count(*) FROM new_leads GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_stage_count_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_stage_delta (tenant_id, stage, owner_key, leads)
    SELECT tenant_id, stage, owner_key, sum(leads)
    FROM (SELECT tenant_id, stage, coalesce(owner_id, 0) AS owner_key, -1 AS leads FROM old_leads
          UNION ALL
          SELECT tenant_id, stage, coalesce(owner_id, 0), 1 FROM new_leads) AS change
    GROUP BY 1, 2, 3
    HAVING sum(leads) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_stage_count_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_stage_delta (tenant_id, stage, owner_key, leads)
    SELECT tenant_id, stage, coalesce(owner_id, 0), -count(*) FROM old_leads GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_stage_count_insert AFTER INSERT ON lead
    REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_stage_count_inserted();
CREATE TRIGGER lead_stage_count_update AFTER UPDATE ON lead
    REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_stage_count_updated();
CREATE TRIGGER lead_stage_count_delete AFTER DELETE ON lead
    REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_stage_count_deleted();

INSERT INTO lead_stage_count (tenant_id, stage, owner_key, leads)
SELECT tenant_id, stage, coalesce(owner_id, 0), count(*) FROM lead GROUP BY 1, 2, 3;

-- Folds the deltas into the counts, for all workspaces at once (the job runs outside any workspace). One job at a
-- time; a delta written by a transaction still running stays for the next round. Answers the rows folded.
CREATE FUNCTION fold_lead_stage_deltas(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_lead_stage_deltas')) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM lead_stage_delta
        WHERE id IN (SELECT id FROM lead_stage_delta ORDER BY id LIMIT p_limit)
        RETURNING tenant_id, stage, owner_key, leads
    ), folded_counts AS (
        INSERT INTO lead_stage_count AS c (tenant_id, stage, owner_key, leads)
        SELECT tenant_id, stage, owner_key, sum(leads) FROM taken GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (tenant_id, stage, owner_key) DO UPDATE SET leads = c.leads + excluded.leads
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END $$;
REVOKE ALL ON FUNCTION fold_lead_stage_deltas(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fold_lead_stage_deltas(integer) TO leadbridge_app;

ALTER TABLE lead_stage_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_stage_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_stage_count
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE lead_stage_delta ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_stage_delta FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_stage_delta
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT ON lead_stage_count TO leadbridge_app;
GRANT SELECT, INSERT ON lead_stage_delta TO leadbridge_app;

-- Dashboard periods: handoffs by the time they were made; a rep's decisions; nurtured leads by their last change.
CREATE INDEX handoff_handed_idx ON handoff (tenant_id, handed_at);
CREATE INDEX handoff_decided_by_idx ON handoff (tenant_id, decided_by, decided_at) WHERE decided_at IS NOT NULL;
CREATE INDEX lead_nurture_updated_idx ON lead (tenant_id, updated_at) WHERE stage = 'NURTURE';

-- Won revenue by period, per rep: read from the index alone (no visit to each won lead's row).
DROP INDEX lead_tenant_won_idx;
CREATE INDEX lead_tenant_won_idx ON lead (tenant_id, won_at) INCLUDE (owner_id, deal_value) WHERE stage = 'WON';
