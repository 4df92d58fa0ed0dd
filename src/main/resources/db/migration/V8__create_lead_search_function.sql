-- Search by any part of a name, company or e-mail, through the trigram index.
--
-- Under row-level security PostgreSQL does not use an index for LIKE (its operator is not leakproof), so a search
-- would scan the workspace's leads in list order. This narrow SECURITY DEFINER look-up runs the LIKE through the
-- index, restricted explicitly to the current workspace, and returns only lead ids: up to p_limit of them, so the
-- caller can tell a narrow search (use the ids) from a broad one (scanning in list order finds a page quickly).
CREATE FUNCTION lead_search_ids(p_pattern text, p_limit integer) RETURNS bigint[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT coalesce(array_agg(id), '{}')
    FROM (SELECT l.id FROM lead l
          WHERE l.tenant_id = current_tenant_id() AND l.search_text LIKE p_pattern ESCAPE '\'
          LIMIT p_limit) matches
$$;
REVOKE ALL ON FUNCTION lead_search_ids(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lead_search_ids(text, integer) TO leadbridge_app;
