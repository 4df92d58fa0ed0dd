-- Background work must survive a restart: re-evaluations note a heartbeat per batch, and a look-up across
-- workspaces (the narrow SECURITY DEFINER path) lists the work that was running, for recovery at start-up.
ALTER TABLE criteria_reevaluation ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION running_background_work()
    RETURNS TABLE (kind text, tenant_id uuid, id bigint, version_id bigint, heartbeat_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT 'REEVALUATION', r.tenant_id, r.id, r.version_id, r.heartbeat_at
    FROM criteria_reevaluation r WHERE r.status = 'RUNNING'
    UNION ALL
    SELECT 'IMPORT', i.tenant_id, i.id, NULL, i.created_at
    FROM lead_import i WHERE i.status = 'RUNNING'
$$;
REVOKE ALL ON FUNCTION running_background_work() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION running_background_work() TO leadbridge_app;
