-- Per-day counts for the dashboards' period figures (issue 21), kept by the database as leads, evaluations and handoffs
-- change, the way V14 keeps the stage counts: every INSERT/UPDATE/DELETE statement appends its net change per day and
-- key to a delta table (one row per day and key it changed, whatever the number of rows: statement triggers with
-- transition tables, no upsert of a shared row, so concurrent writers never wait for each other); each owner's job
-- folds the deltas into the counts every few seconds; a reader adds counts and deltas in one snapshot, so the figures
-- are exact at every moment (ADR 0018).
--
-- The day is the UTC date of the timestamp ((ts AT TIME ZONE 'UTC')::date). Periods are in the workspace's time zone
-- and may begin at any hour: a reader takes the whole days inside the period from the counts and counts the two
-- partial days at its edges from the raw rows with index range scans (or the whole day from the counts less the part
-- outside the period, whichever covers fewer hours). A UTC day keeps the counts right when a workspace changes its time
-- zone and serves periods of any zone.
--
-- Who owns what: counts over leads belong to lead, the qualified leads (the criteria's evaluation) to criteria, counts
-- over handoffs to handoff. Each publishes its counts and unfolded deltas as one view for the dashboards.

-- ---------------------------------------------------------------------------------------------------------------------
-- lead: CREATED (leads by the day they were created, per source and campaign), NURTURED (leads in nurture by the day
-- of their last change), WON_DEAL (won leads by the day they were won, per owner, with the deal value). '' stands for no
-- source/campaign, 0 for no owner.
CREATE TABLE lead_day_count (
    tenant_id  uuid          NOT NULL REFERENCES tenant (id),
    measure    varchar(8)    NOT NULL,
    day        date          NOT NULL,
    source     varchar(80)   NOT NULL,
    campaign   varchar(120)  NOT NULL,
    owner_key  bigint        NOT NULL,
    leads      bigint        NOT NULL,
    deal_value numeric(16,2) NOT NULL,
    PRIMARY KEY (tenant_id, measure, day, source, campaign, owner_key)
);
COMMENT ON TABLE lead_day_count IS
    'Owned by lead: leads per UTC day (created per source and campaign, in nurture by last change, won per owner).';

CREATE TABLE lead_day_delta (
    id         bigint        GENERATED ALWAYS AS IDENTITY,
    tenant_id  uuid          NOT NULL,
    measure    varchar(8)    NOT NULL,
    day        date          NOT NULL,
    source     varchar(80)   NOT NULL,
    campaign   varchar(120)  NOT NULL,
    owner_key  bigint        NOT NULL,
    leads      bigint        NOT NULL,
    deal_value numeric(16,2) NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE lead_day_delta IS 'Owned by lead: changes of the day counts not yet folded in.';
CREATE INDEX lead_day_delta_tenant_idx ON lead_day_delta (tenant_id, measure, day);
CREATE INDEX lead_day_delta_in_order ON lead_day_delta (id);

-- The day facts of one lead: one CREATED row, a NURTURED row while it is in nurture, a WON_DEAL row once won (inlined).
CREATE FUNCTION lead_day_facts(p_created_at timestamptz, p_updated_at timestamptz, p_won_at timestamptz,
                               p_stage varchar, p_source varchar, p_campaign varchar, p_owner_id bigint,
                               p_deal_value numeric)
    RETURNS TABLE (measure varchar, day date, source varchar, campaign varchar, owner_key bigint, deal_value numeric)
    LANGUAGE sql IMMUTABLE AS $$
SELECT 'CREATED'::varchar, (p_created_at AT TIME ZONE 'UTC')::date, coalesce(p_source, ''), coalesce(p_campaign, ''),
       0::bigint, 0::numeric
UNION ALL
SELECT 'NURTURED', (p_updated_at AT TIME ZONE 'UTC')::date, '', '', 0, 0 WHERE p_stage = 'NURTURE'
UNION ALL
SELECT 'WON_DEAL', (p_won_at AT TIME ZONE 'UTC')::date, '', '', coalesce(p_owner_id, 0), coalesce(p_deal_value, 0)
WHERE p_stage = 'WON' AND p_won_at IS NOT NULL
$$;

CREATE FUNCTION lead_day_count_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_day_delta (tenant_id, measure, day, source, campaign, owner_key, leads, deal_value)
    SELECT l.tenant_id, f.measure, f.day, f.source, f.campaign, f.owner_key, count(*), sum(f.deal_value)
    FROM new_leads l CROSS JOIN LATERAL lead_day_facts(l.created_at, l.updated_at, l.won_at, l.stage, l.source,
                                                       l.campaign, l.owner_id, l.deal_value) f
    GROUP BY 1, 2, 3, 4, 5, 6;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_day_count_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_day_delta (tenant_id, measure, day, source, campaign, owner_key, leads, deal_value)
    SELECT tenant_id, measure, day, source, campaign, owner_key, sum(leads), sum(deal_value)
    FROM (SELECT l.tenant_id, f.measure, f.day, f.source, f.campaign, f.owner_key, -1 AS leads,
                 -f.deal_value AS deal_value
          FROM old_leads l CROSS JOIN LATERAL lead_day_facts(l.created_at, l.updated_at, l.won_at, l.stage, l.source,
                                                             l.campaign, l.owner_id, l.deal_value) f
          UNION ALL
          SELECT l.tenant_id, f.measure, f.day, f.source, f.campaign, f.owner_key, 1, f.deal_value
          FROM new_leads l CROSS JOIN LATERAL lead_day_facts(l.created_at, l.updated_at, l.won_at, l.stage, l.source,
                                                             l.campaign, l.owner_id, l.deal_value) f) AS change
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(leads) <> 0 OR sum(deal_value) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_day_count_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_day_delta (tenant_id, measure, day, source, campaign, owner_key, leads, deal_value)
    SELECT l.tenant_id, f.measure, f.day, f.source, f.campaign, f.owner_key, -count(*), -sum(f.deal_value)
    FROM old_leads l CROSS JOIN LATERAL lead_day_facts(l.created_at, l.updated_at, l.won_at, l.stage, l.source,
                                                       l.campaign, l.owner_id, l.deal_value) f
    GROUP BY 1, 2, 3, 4, 5, 6;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_day_count_insert AFTER INSERT ON lead
    REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_day_count_inserted();
CREATE TRIGGER lead_day_count_update AFTER UPDATE ON lead
    REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_day_count_updated();
CREATE TRIGGER lead_day_count_delete AFTER DELETE ON lead
    REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_day_count_deleted();

INSERT INTO lead_day_count (tenant_id, measure, day, source, campaign, owner_key, leads, deal_value)
SELECT l.tenant_id, f.measure, f.day, f.source, f.campaign, f.owner_key, count(*), sum(f.deal_value)
FROM lead l CROSS JOIN LATERAL lead_day_facts(l.created_at, l.updated_at, l.won_at, l.stage, l.source, l.campaign,
                                              l.owner_id, l.deal_value) f
GROUP BY 1, 2, 3, 4, 5, 6;

-- Published for the dashboards: counts and unfolded deltas, one row each; a reader sums them per key.
CREATE VIEW lead_day_record WITH (security_invoker = true) AS
SELECT tenant_id, measure, day, nullif(source, '') AS source, nullif(campaign, '') AS campaign,
       nullif(owner_key, 0) AS owner_id, leads, deal_value
FROM lead_day_count
UNION ALL
SELECT tenant_id, measure, day, nullif(source, ''), nullif(campaign, ''), nullif(owner_key, 0), leads, deal_value
FROM lead_day_delta;
COMMENT ON VIEW lead_day_record IS
    'Published by lead: leads per UTC day — CREATED per source and campaign, NURTURED by the day of the last '
    'change, WON_DEAL per owner with the deal value; rows to be summed per key (counts and changes not yet folded in).';

-- ---------------------------------------------------------------------------------------------------------------------
-- criteria: qualified leads by the UTC day the lead was created. The evaluation keeps the lead's creation day itself
-- (lead_created_day), so that its triggers only aggregate their transition tables: no join to lead on a re-evaluation
-- of a million rows, and a cascaded delete (the lead is gone by then) still knows the day. The writer supplies it; a
-- row without it gets it from the lead (a row trigger that PostgreSQL only calls when the WHEN condition holds).
ALTER TABLE lead_evaluation ADD COLUMN lead_created_day date;
UPDATE lead_evaluation e SET lead_created_day = (l.created_at AT TIME ZONE 'UTC')::date
FROM lead l WHERE l.tenant_id = e.tenant_id AND l.id = e.lead_id;
ALTER TABLE lead_evaluation ALTER COLUMN lead_created_day SET NOT NULL;

CREATE FUNCTION lead_evaluation_created_day() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    SELECT (l.created_at AT TIME ZONE 'UTC')::date INTO NEW.lead_created_day
    FROM lead l WHERE l.tenant_id = NEW.tenant_id AND l.id = NEW.lead_id;
    RETURN NEW;
END $$;
CREATE TRIGGER lead_evaluation_created_day BEFORE INSERT ON lead_evaluation
    FOR EACH ROW WHEN (NEW.lead_created_day IS NULL) EXECUTE FUNCTION lead_evaluation_created_day();

-- A lead's creation time does not change in the application; should it change (a correction by hand), the
-- evaluation's copy of the day follows, and with it the qualified counts (the update trigger below moves the lead).
-- PostgreSQL checks the WHEN condition without calling the function, so other updates of a lead cost nothing here.
CREATE FUNCTION lead_evaluation_follow_created_day() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE lead_evaluation SET lead_created_day = (NEW.created_at AT TIME ZONE 'UTC')::date
    WHERE tenant_id = NEW.tenant_id AND lead_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER lead_evaluation_follow_created_day AFTER UPDATE OF created_at ON lead
    FOR EACH ROW WHEN ((OLD.created_at AT TIME ZONE 'UTC')::date <> (NEW.created_at AT TIME ZONE 'UTC')::date)
    EXECUTE FUNCTION lead_evaluation_follow_created_day();

CREATE TABLE lead_qualified_count (
    tenant_id uuid   NOT NULL REFERENCES tenant (id),
    day       date   NOT NULL,
    leads     bigint NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
COMMENT ON TABLE lead_qualified_count IS
    'Owned by criteria: qualified leads per UTC day of the lead''s creation, kept by the database.';

CREATE TABLE lead_qualified_delta (
    id        bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid   NOT NULL,
    day       date   NOT NULL,
    leads     bigint NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE lead_qualified_delta IS 'Owned by criteria: changes of the qualified counts not yet folded in.';
CREATE INDEX lead_qualified_delta_tenant_idx ON lead_qualified_delta (tenant_id, day);
CREATE INDEX lead_qualified_delta_in_order ON lead_qualified_delta (id);

CREATE FUNCTION lead_qualified_count_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_qualified_delta (tenant_id, day, leads)
    SELECT tenant_id, lead_created_day, count(*) FROM new_evaluations WHERE qualified GROUP BY 1, 2;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_qualified_count_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_qualified_delta (tenant_id, day, leads)
    SELECT tenant_id, day, sum(leads)
    FROM (SELECT tenant_id, lead_created_day AS day, -1 AS leads FROM old_evaluations WHERE qualified
          UNION ALL
          SELECT tenant_id, lead_created_day, 1 FROM new_evaluations WHERE qualified) AS change
    GROUP BY 1, 2
    HAVING sum(leads) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_qualified_count_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_qualified_delta (tenant_id, day, leads)
    SELECT tenant_id, lead_created_day, -count(*) FROM old_evaluations WHERE qualified GROUP BY 1, 2;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_qualified_count_insert AFTER INSERT ON lead_evaluation
    REFERENCING NEW TABLE AS new_evaluations FOR EACH STATEMENT EXECUTE FUNCTION lead_qualified_count_inserted();
CREATE TRIGGER lead_qualified_count_update AFTER UPDATE ON lead_evaluation
    REFERENCING OLD TABLE AS old_evaluations NEW TABLE AS new_evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION lead_qualified_count_updated();
CREATE TRIGGER lead_qualified_count_delete AFTER DELETE ON lead_evaluation
    REFERENCING OLD TABLE AS old_evaluations FOR EACH STATEMENT EXECUTE FUNCTION lead_qualified_count_deleted();

INSERT INTO lead_qualified_count (tenant_id, day, leads)
SELECT tenant_id, lead_created_day, count(*) FROM lead_evaluation WHERE qualified GROUP BY 1, 2;

CREATE VIEW lead_qualified_day_record WITH (security_invoker = true) AS
SELECT tenant_id, day, leads FROM lead_qualified_count
UNION ALL
SELECT tenant_id, day, leads FROM lead_qualified_delta;
COMMENT ON VIEW lead_qualified_day_record IS
    'Published by criteria: qualified leads per UTC day of their creation; rows to be summed per day.';

-- ---------------------------------------------------------------------------------------------------------------------
-- handoff: HANDED (handoffs by the day they were made, whether qualified and whether reassigned: status is
-- 'REASSIGNED' or ''), DECIDED (accepted and rejected handoffs by the day of the decision, per status, reason and
-- whether within the SLA) and TEAM (the same decisions per assignee and whether within the SLA). '' stands for no
-- reason, 0 for no assignee.
CREATE TABLE handoff_day_count (
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    measure     varchar(8)  NOT NULL,
    day         date        NOT NULL,
    status      varchar(12) NOT NULL,
    reason_code varchar(40) NOT NULL,
    assignee_id bigint      NOT NULL,
    qualified   boolean     NOT NULL,
    within_sla  boolean     NOT NULL,
    handoffs    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla)
);
COMMENT ON TABLE handoff_day_count IS
    'Owned by handoff: handoffs per UTC day (made; decided per status and reason; decided per assignee).';

CREATE TABLE handoff_day_delta (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id   uuid        NOT NULL,
    measure     varchar(8)  NOT NULL,
    day         date        NOT NULL,
    status      varchar(12) NOT NULL,
    reason_code varchar(40) NOT NULL,
    assignee_id bigint      NOT NULL,
    qualified   boolean     NOT NULL,
    within_sla  boolean     NOT NULL,
    handoffs    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE handoff_day_delta IS 'Owned by handoff: changes of the day counts not yet folded in.';
CREATE INDEX handoff_day_delta_tenant_idx ON handoff_day_delta (tenant_id, measure, day);
CREATE INDEX handoff_day_delta_in_order ON handoff_day_delta (id);

CREATE FUNCTION handoff_day_facts(p_handed_at timestamptz, p_decided_at timestamptz, p_due_at timestamptz,
                                  p_status varchar, p_reason_code varchar, p_assignee_id bigint, p_qualified boolean)
    RETURNS TABLE (measure varchar, day date, status varchar, reason_code varchar, assignee_id bigint,
                   qualified boolean, within_sla boolean)
    LANGUAGE sql IMMUTABLE AS $$
SELECT 'HANDED'::varchar, (p_handed_at AT TIME ZONE 'UTC')::date,
       CASE WHEN p_status = 'REASSIGNED' THEN 'REASSIGNED' ELSE '' END::varchar, ''::varchar, 0::bigint, p_qualified,
       false
UNION ALL
SELECT 'DECIDED', (p_decided_at AT TIME ZONE 'UTC')::date, p_status, coalesce(p_reason_code, ''), 0, false,
       p_decided_at <= p_due_at
WHERE p_status IN ('ACCEPTED', 'REJECTED') AND p_decided_at IS NOT NULL
UNION ALL
SELECT 'TEAM', (p_decided_at AT TIME ZONE 'UTC')::date, '', '', p_assignee_id, false, p_decided_at <= p_due_at
WHERE p_status IN ('ACCEPTED', 'REJECTED') AND p_decided_at IS NOT NULL
$$;

CREATE FUNCTION handoff_day_count_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO handoff_day_delta (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla,
                                   handoffs)
    SELECT h.tenant_id, f.measure, f.day, f.status, f.reason_code, f.assignee_id, f.qualified, f.within_sla, count(*)
    FROM new_handoffs h CROSS JOIN LATERAL handoff_day_facts(h.handed_at, h.decided_at, h.due_at, h.status,
                                                             h.reason_code, h.assignee_id, h.qualified) f
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    RETURN NULL;
END $$;

CREATE FUNCTION handoff_day_count_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO handoff_day_delta (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla,
                                   handoffs)
    SELECT tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla, sum(handoffs)
    FROM (SELECT h.tenant_id, f.*, -1 AS handoffs
          FROM old_handoffs h CROSS JOIN LATERAL handoff_day_facts(h.handed_at, h.decided_at, h.due_at, h.status,
                                                                   h.reason_code, h.assignee_id, h.qualified) f
          UNION ALL
          SELECT h.tenant_id, f.*, 1
          FROM new_handoffs h CROSS JOIN LATERAL handoff_day_facts(h.handed_at, h.decided_at, h.due_at, h.status,
                                                                   h.reason_code, h.assignee_id, h.qualified) f
         ) AS change
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(handoffs) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION handoff_day_count_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO handoff_day_delta (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla,
                                   handoffs)
    SELECT h.tenant_id, f.measure, f.day, f.status, f.reason_code, f.assignee_id, f.qualified, f.within_sla, -count(*)
    FROM old_handoffs h CROSS JOIN LATERAL handoff_day_facts(h.handed_at, h.decided_at, h.due_at, h.status,
                                                             h.reason_code, h.assignee_id, h.qualified) f
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    RETURN NULL;
END $$;

CREATE TRIGGER handoff_day_count_insert AFTER INSERT ON handoff
    REFERENCING NEW TABLE AS new_handoffs FOR EACH STATEMENT EXECUTE FUNCTION handoff_day_count_inserted();
CREATE TRIGGER handoff_day_count_update AFTER UPDATE ON handoff
    REFERENCING OLD TABLE AS old_handoffs NEW TABLE AS new_handoffs
    FOR EACH STATEMENT EXECUTE FUNCTION handoff_day_count_updated();
CREATE TRIGGER handoff_day_count_delete AFTER DELETE ON handoff
    REFERENCING OLD TABLE AS old_handoffs FOR EACH STATEMENT EXECUTE FUNCTION handoff_day_count_deleted();

INSERT INTO handoff_day_count (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla,
                               handoffs)
SELECT h.tenant_id, f.measure, f.day, f.status, f.reason_code, f.assignee_id, f.qualified, f.within_sla, count(*)
FROM handoff h CROSS JOIN LATERAL handoff_day_facts(h.handed_at, h.decided_at, h.due_at, h.status, h.reason_code,
                                                     h.assignee_id, h.qualified) f
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

CREATE VIEW handoff_day_record WITH (security_invoker = true) AS
SELECT tenant_id, measure, day, status, nullif(reason_code, '') AS reason_code, assignee_id, qualified, within_sla,
       handoffs
FROM handoff_day_count
UNION ALL
SELECT tenant_id, measure, day, status, nullif(reason_code, ''), assignee_id, qualified, within_sla, handoffs
FROM handoff_day_delta;
COMMENT ON VIEW handoff_day_record IS
    'Published by handoff: handoffs per UTC day — HANDED (qualified; status REASSIGNED or empty), DECIDED (status, '
    'reason, within the SLA), TEAM (assignee, within the SLA); rows to be summed per key.';

-- ---------------------------------------------------------------------------------------------------------------------
-- The folds: one function per owner, like fold_lead_stage_deltas (V14), each called by its owner's job. All
-- workspaces at once, one job at a time; a delta of a transaction still running stays for the next round.
CREATE FUNCTION fold_lead_day_deltas(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_lead_day_deltas')) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM lead_day_delta
        WHERE id IN (SELECT id FROM lead_day_delta ORDER BY id LIMIT p_limit)
        RETURNING tenant_id, measure, day, source, campaign, owner_key, leads, deal_value
    ), folded_counts AS (
        INSERT INTO lead_day_count AS c (tenant_id, measure, day, source, campaign, owner_key, leads, deal_value)
        SELECT tenant_id, measure, day, source, campaign, owner_key, sum(leads), sum(deal_value)
        FROM taken GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (tenant_id, measure, day, source, campaign, owner_key)
            DO UPDATE SET leads = c.leads + excluded.leads, deal_value = c.deal_value + excluded.deal_value
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END $$;

CREATE FUNCTION fold_lead_qualified_deltas(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_lead_qualified_deltas')) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM lead_qualified_delta
        WHERE id IN (SELECT id FROM lead_qualified_delta ORDER BY id LIMIT p_limit)
        RETURNING tenant_id, day, leads
    ), folded_counts AS (
        INSERT INTO lead_qualified_count AS c (tenant_id, day, leads)
        SELECT tenant_id, day, sum(leads) FROM taken GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (tenant_id, day) DO UPDATE SET leads = c.leads + excluded.leads
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END $$;

CREATE FUNCTION fold_handoff_day_deltas(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_handoff_day_deltas')) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM handoff_day_delta
        WHERE id IN (SELECT id FROM handoff_day_delta ORDER BY id LIMIT p_limit)
        RETURNING tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla, handoffs
    ), folded_counts AS (
        INSERT INTO handoff_day_count AS c (tenant_id, measure, day, status, reason_code, assignee_id, qualified,
                                            within_sla, handoffs)
        SELECT tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla, sum(handoffs)
        FROM taken GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (tenant_id, measure, day, status, reason_code, assignee_id, qualified, within_sla)
            DO UPDATE SET handoffs = c.handoffs + excluded.handoffs
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END $$;

REVOKE ALL ON FUNCTION fold_lead_day_deltas(integer), fold_lead_qualified_deltas(integer),
    fold_handoff_day_deltas(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fold_lead_day_deltas(integer), fold_lead_qualified_deltas(integer),
    fold_handoff_day_deltas(integer) TO leadbridge_app;

-- Row-level security as on every workspace table (V14).
ALTER TABLE lead_day_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_day_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_day_count
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE lead_day_delta ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_day_delta FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_day_delta
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE lead_qualified_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_qualified_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_qualified_count
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE lead_qualified_delta ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_qualified_delta FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_qualified_delta
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE handoff_day_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE handoff_day_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON handoff_day_count
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE handoff_day_delta ENABLE ROW LEVEL SECURITY;
ALTER TABLE handoff_day_delta FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON handoff_day_delta
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT ON lead_day_count, lead_qualified_count, handoff_day_count TO leadbridge_app;
GRANT SELECT, INSERT ON lead_day_delta, lead_qualified_delta, handoff_day_delta TO leadbridge_app;
GRANT SELECT ON lead_day_record, lead_qualified_day_record, handoff_day_record TO leadbridge_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON lead_day_record, lead_qualified_day_record, handoff_day_record
    FROM leadbridge_app;
