-- Search moves out of the lead table into a table of its own (issue 21, ADR 0024): the trigram index on
-- lead(tenant_id, search_text) was two thirds of an import's insert time (ADR 0022). Single-row writes keep lead_search
-- up to date in their own transaction, through the triggers below (every writer of lead: forms, the API, edits,
-- returning leads, erasure, retention). An import only writes its leads: its transaction sets
-- leadbridge.defer_lead_search, and the insert trigger then records the statement's id range in lead_search_backlog
-- instead; a background job (LeadSearchIndexing) indexes each range after the commit and deletes it. Until then
-- lead_search_ids also scans the backlog's leads, so a search is exact at every moment.

-- What search looks in: any part of the names, the company or the e-mail address, lower case (as V2's generated
-- column was). Inlined by the planner wherever it is used.
CREATE FUNCTION lead_search_text(p_first_name varchar, p_last_name varchar, p_company_name varchar, p_email varchar)
    RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(coalesce(p_first_name, '') || ' ' || coalesce(p_last_name, '') || ' ' || p_company_name || ' '
                   || p_email) $$;

CREATE TABLE lead_search (
    tenant_id   uuid   NOT NULL,
    lead_id     bigint NOT NULL,
    search_text text   NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);
COMMENT ON TABLE lead_search IS 'Owned by lead: the text search looks in, one row per lead, with the trigram index.';

-- The leads an import wrote whose search rows the job has not written yet: one range of ids per workspace and insert
-- statement (ids of other workspaces, or of leads indexed on their own, may lie in a range: readers and the job
-- filter by workspace and skip what lead_search has).
CREATE TABLE lead_search_backlog (
    tenant_id uuid   NOT NULL,
    id        bigint GENERATED ALWAYS AS IDENTITY,
    first_id  bigint NOT NULL,
    last_id   bigint NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE lead_search_backlog IS
    'Owned by lead: id ranges of imported leads not yet in lead_search (indexed by a background job).';

-- Existing leads: one set-based pass, then the index and the key to lead (built once, not row by row).
INSERT INTO lead_search (tenant_id, lead_id, search_text)
SELECT tenant_id, id, lead_search_text(first_name, last_name, company_name, email) FROM lead;
CREATE INDEX lead_search_text_idx ON lead_search USING gin (tenant_id, search_text gin_trgm_ops);
-- A lead's search row goes with the lead (and the key makes the job fail rather than index a lead deleted meanwhile).
ALTER TABLE lead_search ADD CONSTRAINT lead_search_lead_fk
    FOREIGN KEY (tenant_id, lead_id) REFERENCES lead (tenant_id, id) ON DELETE CASCADE;
-- The planner's statistics at once (a database run with autovacuum off, as the benchmark's, has none otherwise).
ANALYZE lead_search;

ALTER TABLE lead_search ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_search FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_search
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_search TO leadbridge_app;
ALTER TABLE lead_search_backlog ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_search_backlog FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lead_search_backlog
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON lead_search_backlog TO leadbridge_app;

-- New leads: one statement-level insert per statement, or, in a transaction that deferred search (an import), the
-- statement's id range per workspace into the backlog.
CREATE FUNCTION lead_search_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('leadbridge.defer_lead_search', true) = 'on' THEN
        INSERT INTO lead_search_backlog (tenant_id, first_id, last_id)
        SELECT tenant_id, min(id), max(id) FROM new_leads GROUP BY tenant_id;
    ELSE
        INSERT INTO lead_search (tenant_id, lead_id, search_text)
        SELECT tenant_id, id, lead_search_text(first_name, last_name, company_name, email) FROM new_leads;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER lead_search_insert AFTER INSERT ON lead
    REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_search_inserted();

-- A changed name, company or address (an edit, a returning lead, an erasure, retention's anonymisation): the row is
-- written, or created if the lead is still in the backlog (the job then leaves it as it is). PostgreSQL calls the
-- function only for rows whose search text changed.
CREATE FUNCTION lead_search_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_search (tenant_id, lead_id, search_text)
    VALUES (NEW.tenant_id, NEW.id, lead_search_text(NEW.first_name, NEW.last_name, NEW.company_name, NEW.email))
    ON CONFLICT (tenant_id, lead_id) DO UPDATE SET search_text = excluded.search_text;
    RETURN NULL;
END $$;
CREATE TRIGGER lead_search_update AFTER UPDATE OF first_name, last_name, company_name, email ON lead
    FOR EACH ROW
    WHEN (lead_search_text(OLD.first_name, OLD.last_name, OLD.company_name, OLD.email)
          IS DISTINCT FROM lead_search_text(NEW.first_name, NEW.last_name, NEW.company_name, NEW.email))
    EXECUTE FUNCTION lead_search_updated();

-- The job: indexes one backlog range (all workspaces, oldest first; one job at a time) and deletes it, in one
-- transaction. Answers how many leads it indexed, or -1 when there was nothing to do (or another job is at it).
CREATE FUNCTION index_lead_search_backlog() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    b lead_search_backlog%ROWTYPE;
    indexed integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('index_lead_search_backlog')) THEN
        RETURN -1;
    END IF;
    SELECT * INTO b FROM lead_search_backlog ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        RETURN -1;
    END IF;
    -- The range's trigram entries go into the pending list and are merged in one sorted pass below (ADR 0022).
    PERFORM set_config('gin_pending_list_limit', '64MB', true), set_config('work_mem', '64MB', true);
    INSERT INTO lead_search (tenant_id, lead_id, search_text)
    SELECT l.tenant_id, l.id, lead_search_text(l.first_name, l.last_name, l.company_name, l.email)
    FROM lead l
    WHERE l.tenant_id = b.tenant_id AND l.id BETWEEN b.first_id AND b.last_id
    ON CONFLICT (tenant_id, lead_id) DO NOTHING;
    GET DIAGNOSTICS indexed = ROW_COUNT;
    DELETE FROM lead_search_backlog WHERE tenant_id = b.tenant_id AND id = b.id;
    IF indexed > 0 THEN
        PERFORM gin_clean_pending_list('lead_search_text_idx'::regclass);
    END IF;
    RETURN indexed;
END $$;
REVOKE ALL ON FUNCTION index_lead_search_backlog() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION index_lead_search_backlog() TO leadbridge_app;

-- Search: the index, plus the workspace's leads in the backlog's ranges that have no search row yet (distinct: two
-- imports' ranges may overlap), read only when the index gave fewer than p_limit. See V8 for why this is a SECURITY
-- DEFINER function restricted explicitly to the current workspace.
CREATE OR REPLACE FUNCTION lead_search_ids(p_pattern text, p_limit integer) RETURNS bigint[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT coalesce(array_agg(id), '{}')
    FROM (SELECT s.lead_id AS id FROM lead_search s
          WHERE s.tenant_id = current_tenant_id() AND s.search_text LIKE p_pattern ESCAPE '\'
          UNION ALL
          SELECT DISTINCT l.id FROM lead_search_backlog b
          JOIN lead l ON l.tenant_id = b.tenant_id AND l.id BETWEEN b.first_id AND b.last_id
          WHERE b.tenant_id = current_tenant_id()
            AND lead_search_text(l.first_name, l.last_name, l.company_name, l.email) LIKE p_pattern ESCAPE '\'
            AND NOT EXISTS (SELECT 1 FROM lead_search s WHERE s.tenant_id = l.tenant_id AND s.lead_id = l.id)
          LIMIT p_limit) matches
$$;

-- The import no longer merges the old index's pending list (the job merges the new one's).
DROP FUNCTION merge_lead_search_pending_list();
DROP INDEX lead_tenant_search_idx;
ALTER TABLE lead DROP COLUMN search_text;
