-- The scoreboard's figures from kept per-day counts (issue 21, ADR 0020), the pattern of V42 (ADR 0018).
--
-- The scoreboard shows a period's won revenue, won leads and the revenue of the won leads marketing handed off (a
-- handoff exists for the lead). The first two the lead module keeps already: WON_DEAL in lead_day_count (won leads per
-- UTC day won and owner, with the deal value; published as lead_day_record). The third depends on two owners' rows —
-- the lead's stage, won_at and deal_value, and whether the lead has a handoff — so neither lead nor handoff can keep it
-- from its own rows alone. The goal module, whose figure it is, keeps it: goal owns marketing_won_day_count and
-- marketing_won_day_delta, and its triggers on lead and handoff (as criteria's V42 triggers follow the lead's creation
-- day) append each statement's net change per UTC day of won_at to the delta table; a fold job adds the deltas into the
-- counts every few seconds; the scoreboard adds counts and deltas in one snapshot and counts the partial days at the
-- period's edges from the rows (shared.DaySplit), so its numbers are exact at every moment.
--
-- A lead counts (one lead, its deal value or 0) on the UTC day of its won_at while it is WON with a won_at and at
-- least one handoff exists for it. Who writes the change:
--   * a lead updated (won, no longer won, won_at or deal_value changed): the lead's statement trigger, for the leads
--     whose won fact changed and that have a handoff;
--   * a lead inserted: nobody (a new lead has no handoff yet: the handoff references it);
--   * a lead deleted: a row trigger BEFORE the delete, called only for won leads (PostgreSQL checks its WHEN without
--     calling the function): after the delete the lead's handoffs are gone with it (ON DELETE CASCADE, which runs
--     before any AFTER trigger of the lead's statement), and the cascaded handoff delete no longer finds the lead;
--   * the first handoff of a won lead inserted, the last one deleted, or (by hand) a handoff moved to another lead:
--     the handoff's triggers.
-- A lead erased or anonymised (ADR 0015) keeps its stage, won_at and deal value: no change.
-- Concurrency: the application hands a lead off (HandoffAssignment) by moving the lead first and inserting the
-- handoff after, in one transaction, so a handoff and a concurrent win of the same lead wait on the lead's row lock,
-- and the trigger that runs second (a new snapshot per statement under READ COMMITTED) sees the other's change.

CREATE TABLE marketing_won_day_count (
    tenant_id  uuid          NOT NULL REFERENCES tenant (id),
    day        date          NOT NULL,
    leads      bigint        NOT NULL,
    deal_value numeric(16,2) NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
COMMENT ON TABLE marketing_won_day_count IS
    'Owned by goal: won leads that marketing handed off (a handoff exists) per UTC day won, with their deal value.';

CREATE TABLE marketing_won_day_delta (
    id         bigint        GENERATED ALWAYS AS IDENTITY,
    tenant_id  uuid          NOT NULL,
    day        date          NOT NULL,
    leads      bigint        NOT NULL,
    deal_value numeric(16,2) NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE marketing_won_day_delta IS 'Owned by goal: changes of the won-from-marketing counts not yet folded in.';
CREATE INDEX marketing_won_day_delta_tenant_idx ON marketing_won_day_delta (tenant_id, day);
CREATE INDEX marketing_won_day_delta_in_order ON marketing_won_day_delta (id);

-- A lead update: the leads whose won fact (WON with won_at, the day, the deal value) changed, taken out where they
-- counted and put in where they count, if they have a handoff. Only won rows of the transition tables are looked at,
-- so an update of leads that are not won (the usual case) joins nothing.
CREATE FUNCTION marketing_won_count_lead_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    WITH was AS (
        SELECT tenant_id, id, won_at, deal_value FROM old_leads WHERE stage = 'WON' AND won_at IS NOT NULL
    ), now_won AS (
        SELECT tenant_id, id, won_at, deal_value FROM new_leads WHERE stage = 'WON' AND won_at IS NOT NULL
    ), change AS (
        SELECT w.tenant_id, w.id, (w.won_at AT TIME ZONE 'UTC')::date AS day, -1 AS leads,
               -coalesce(w.deal_value, 0) AS deal_value
        FROM was w
        WHERE NOT EXISTS (SELECT 1 FROM now_won n WHERE n.tenant_id = w.tenant_id AND n.id = w.id
                            AND n.won_at = w.won_at AND n.deal_value IS NOT DISTINCT FROM w.deal_value)
        UNION ALL
        SELECT n.tenant_id, n.id, (n.won_at AT TIME ZONE 'UTC')::date, 1, coalesce(n.deal_value, 0)
        FROM now_won n
        WHERE NOT EXISTS (SELECT 1 FROM was w WHERE w.tenant_id = n.tenant_id AND w.id = n.id
                            AND w.won_at = n.won_at AND w.deal_value IS NOT DISTINCT FROM n.deal_value)
    )
    INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
    SELECT c.tenant_id, c.day, sum(c.leads), sum(c.deal_value)
    FROM change c
    WHERE EXISTS (SELECT 1 FROM handoff_record h WHERE h.tenant_id = c.tenant_id AND h.lead_id = c.id)
    GROUP BY 1, 2
    HAVING sum(c.leads) <> 0 OR sum(c.deal_value) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION marketing_won_count_lead_deleting() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM handoff_record h WHERE h.tenant_id = OLD.tenant_id AND h.lead_id = OLD.id) THEN
        INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
        VALUES (OLD.tenant_id, (OLD.won_at AT TIME ZONE 'UTC')::date, -1, -coalesce(OLD.deal_value, 0));
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER marketing_won_count_lead_update AFTER UPDATE ON lead
    REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION marketing_won_count_lead_updated();
CREATE TRIGGER marketing_won_count_lead_delete BEFORE DELETE ON lead
    FOR EACH ROW WHEN (OLD.stage = 'WON' AND OLD.won_at IS NOT NULL)
    EXECUTE FUNCTION marketing_won_count_lead_deleting();

-- Handoffs inserted: the won leads that had no handoff before this statement (all their handoffs are new ones) now
-- count. The lead's stage is looked up only for the leads of the new handoffs (an index lookup each).
CREATE FUNCTION marketing_won_count_handoff_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
    SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, count(*), sum(coalesce(l.deal_value, 0))
    FROM (SELECT tenant_id, lead_id, count(*) AS added FROM new_handoffs GROUP BY 1, 2) n
    JOIN lead_record l ON l.tenant_id = n.tenant_id AND l.id = n.lead_id
    WHERE l.stage = 'WON' AND l.won_at IS NOT NULL
      AND (SELECT count(*) FROM handoff_record h WHERE h.tenant_id = n.tenant_id AND h.lead_id = n.lead_id) = n.added
    GROUP BY 1, 2;
    RETURN NULL;
END $$;

-- Handoffs deleted: the won leads that have no handoff left no longer count. A lead deleted with its handoffs is gone
-- by now and found no more: its row trigger took it out before.
CREATE FUNCTION marketing_won_count_handoff_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
    SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, -count(*), -sum(coalesce(l.deal_value, 0))
    FROM (SELECT DISTINCT tenant_id, lead_id FROM old_handoffs) o
    JOIN lead_record l ON l.tenant_id = o.tenant_id AND l.id = o.lead_id
    WHERE l.stage = 'WON' AND l.won_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM handoff_record h WHERE h.tenant_id = o.tenant_id AND h.lead_id = o.lead_id)
    GROUP BY 1, 2;
    RETURN NULL;
END $$;

-- A handoff moved to another lead (never in the application; a correction by hand): the old lead loses it, the new
-- one gains it. A row trigger that PostgreSQL calls only when the lead changes, so a handoff's decisions cost nothing.
CREATE FUNCTION marketing_won_count_handoff_moved() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
    SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, -1, -coalesce(l.deal_value, 0)
    FROM lead_record l
    WHERE l.tenant_id = OLD.tenant_id AND l.id = OLD.lead_id AND l.stage = 'WON' AND l.won_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM handoff_record h WHERE h.tenant_id = OLD.tenant_id AND h.lead_id = OLD.lead_id);
    INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
    SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, 1, coalesce(l.deal_value, 0)
    FROM lead_record l
    WHERE l.tenant_id = NEW.tenant_id AND l.id = NEW.lead_id AND l.stage = 'WON' AND l.won_at IS NOT NULL
      AND (SELECT count(*) FROM handoff_record h WHERE h.tenant_id = NEW.tenant_id AND h.lead_id = NEW.lead_id) = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER marketing_won_count_handoff_insert AFTER INSERT ON handoff
    REFERENCING NEW TABLE AS new_handoffs
    FOR EACH STATEMENT EXECUTE FUNCTION marketing_won_count_handoff_inserted();
CREATE TRIGGER marketing_won_count_handoff_delete AFTER DELETE ON handoff
    REFERENCING OLD TABLE AS old_handoffs
    FOR EACH STATEMENT EXECUTE FUNCTION marketing_won_count_handoff_deleted();
CREATE TRIGGER marketing_won_count_handoff_move AFTER UPDATE OF tenant_id, lead_id ON handoff
    FOR EACH ROW WHEN (OLD.tenant_id <> NEW.tenant_id OR OLD.lead_id <> NEW.lead_id)
    EXECUTE FUNCTION marketing_won_count_handoff_moved();

-- The backfill: every won lead with a handoff, once.
INSERT INTO marketing_won_day_count (tenant_id, day, leads, deal_value)
SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, count(*), sum(coalesce(l.deal_value, 0))
FROM lead_record l
WHERE l.stage = 'WON' AND l.won_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM handoff_record h WHERE h.tenant_id = l.tenant_id AND h.lead_id = l.id)
GROUP BY 1, 2;

-- Published (the scoreboard reads it; a dashboard may): counts and unfolded deltas, rows to be summed per day.
CREATE VIEW marketing_won_day_record WITH (security_invoker = true) AS
SELECT tenant_id, day, leads, deal_value FROM marketing_won_day_count
UNION ALL
SELECT tenant_id, day, leads, deal_value FROM marketing_won_day_delta;
COMMENT ON VIEW marketing_won_day_record IS
    'Published by goal: won leads that marketing handed off, per UTC day won, with their deal value; rows to be '
    'summed per day (counts and changes not yet folded in).';

-- The fold, like V42's: all workspaces at once, one job at a time; a delta of a transaction still running stays for
-- the next round.
CREATE FUNCTION fold_marketing_won_deltas(p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_marketing_won_deltas')) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM marketing_won_day_delta
        WHERE id IN (SELECT id FROM marketing_won_day_delta ORDER BY id LIMIT p_limit)
        RETURNING tenant_id, day, leads, deal_value
    ), folded_counts AS (
        INSERT INTO marketing_won_day_count AS c (tenant_id, day, leads, deal_value)
        SELECT tenant_id, day, sum(leads), sum(deal_value) FROM taken GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (tenant_id, day)
            DO UPDATE SET leads = c.leads + excluded.leads, deal_value = c.deal_value + excluded.deal_value
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END $$;
REVOKE ALL ON FUNCTION fold_marketing_won_deltas(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fold_marketing_won_deltas(integer) TO leadbridge_app;

ALTER TABLE marketing_won_day_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE marketing_won_day_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON marketing_won_day_count
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE marketing_won_day_delta ENABLE ROW LEVEL SECURITY;
ALTER TABLE marketing_won_day_delta FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON marketing_won_day_delta
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT ON marketing_won_day_count TO leadbridge_app;
GRANT SELECT, INSERT ON marketing_won_day_delta TO leadbridge_app;
GRANT SELECT ON marketing_won_day_record TO leadbridge_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON marketing_won_day_record FROM leadbridge_app;
