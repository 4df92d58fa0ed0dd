-- The intake API's batches defer their search rows as an import does (issue 21, ADR 0028): a batch's transaction writes
-- its leads only, and its insert trigger records the statement's id range in lead_search_backlog. Under load that is
-- dozens of small ranges a second (16 clients sending 500 leads each), where an import left one range per 20,000 leads:
-- the job now takes as many of the oldest ranges as make up about 20,000 leads in one transaction, indexes them with one
-- INSERT … SELECT and merges the trigram index's pending list once, instead of one transaction, one insert and one merge
-- per range.

-- How many leads a range holds (its id span says nothing: the sequence hands out ids 50 apart, and other workspaces' ids
-- lie in between). Ranges recorded before this migration have none; the job counts such a range as 20,000 leads, so it
-- takes it alone, as it did before.
ALTER TABLE lead_search_backlog ADD COLUMN leads integer;

CREATE OR REPLACE FUNCTION lead_search_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('leadbridge.defer_lead_search', true) = 'on' THEN
        INSERT INTO lead_search_backlog (tenant_id, first_id, last_id, leads)
        SELECT tenant_id, min(id), max(id), count(*) FROM new_leads GROUP BY tenant_id;
    ELSE
        INSERT INTO lead_search (tenant_id, lead_id, search_text)
        SELECT tenant_id, id, lead_search_text(first_name, last_name, company_name, email) FROM new_leads;
    END IF;
    RETURN NULL;
END $$;

-- The job: indexes the oldest backlog ranges (all workspaces; one job at a time), as many as make up p_leads leads and at
-- least one, and deletes them, in one transaction. Answers how many leads it indexed, or -1 when there was nothing to do
-- (or another job is at it). Ranges of one workspace may overlap (concurrent batches draw interleaved ids): a lead is
-- written once (DISTINCT), and one that has its row already (written or edited meanwhile) keeps it.
CREATE FUNCTION index_lead_search_backlog(p_leads integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    b lead_search_backlog%ROWTYPE;
    tenants uuid[] := '{}';
    ids bigint[] := '{}'; -- the backlog's ids are unique across workspaces (one identity)
    firsts bigint[] := '{}';
    lasts bigint[] := '{}';
    taken bigint := 0;
    indexed integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('index_lead_search_backlog')) THEN
        RETURN -1;
    END IF;
    FOR b IN SELECT * FROM lead_search_backlog ORDER BY id FOR UPDATE SKIP LOCKED LOOP
        EXIT WHEN taken > 0 AND taken + coalesce(b.leads, 20000) > p_leads;
        tenants := tenants || b.tenant_id;
        ids := ids || b.id;
        firsts := firsts || b.first_id;
        lasts := lasts || b.last_id;
        taken := taken + coalesce(b.leads, 20000);
    END LOOP;
    IF cardinality(ids) = 0 THEN
        RETURN -1;
    END IF;
    -- The ranges' trigram entries go into the pending list and are merged in one sorted pass below (ADR 0022).
    PERFORM set_config('gin_pending_list_limit', '64MB', true), set_config('work_mem', '64MB', true);
    INSERT INTO lead_search (tenant_id, lead_id, search_text)
    SELECT DISTINCT l.tenant_id, l.id, lead_search_text(l.first_name, l.last_name, l.company_name, l.email)
    FROM unnest(tenants, firsts, lasts) AS r (tenant_id, first_id, last_id)
    -- One range scan of the lead's key per range (OFFSET 0 keeps the subquery a nested loop): as a join, the planner
    -- hashed the ranges by their workspace, all in one bucket, and probed it with every lead of the table (80 s of CPU
    -- for 280 ranges, measured).
    CROSS JOIN LATERAL (SELECT * FROM lead x
                        WHERE x.tenant_id = r.tenant_id AND x.id BETWEEN r.first_id AND r.last_id OFFSET 0) l
    ON CONFLICT (tenant_id, lead_id) DO NOTHING;
    GET DIAGNOSTICS indexed = ROW_COUNT;
    DELETE FROM lead_search_backlog WHERE id = ANY (ids);
    IF indexed > 0 THEN
        PERFORM gin_clean_pending_list('lead_search_text_idx'::regclass);
    END IF;
    RETURN indexed;
END $$;
REVOKE ALL ON FUNCTION index_lead_search_backlog(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION index_lead_search_backlog(integer) TO leadbridge_app;

-- The one-range version is replaced by the one above (an instance still running the previous release calls it until
-- it stops: it keeps working, one range at a time).
CREATE OR REPLACE FUNCTION index_lead_search_backlog() RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT index_lead_search_backlog(1) $$;
