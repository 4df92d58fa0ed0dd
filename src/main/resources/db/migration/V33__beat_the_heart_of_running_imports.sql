-- Imports running or waiting on an instance keep a heartbeat (issue 18): every 30 seconds the instance that holds them
-- writes it, so another instance can tell an import whose instance died (no heartbeat for two minutes, and nobody
-- holding its lock) from one that waits in a live instance's queue, and close the first as failed while the
-- instance that holds the second lives on. Before, only an instance's own start closed interrupted imports.
ALTER TABLE lead_import ADD COLUMN heartbeat_at timestamptz;

CREATE OR REPLACE FUNCTION running_background_work()
    RETURNS TABLE (kind text, tenant_id uuid, id bigint, version_id bigint, heartbeat_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT 'REEVALUATION', r.tenant_id, r.id, r.version_id, r.heartbeat_at
    FROM criteria_reevaluation r WHERE r.status = 'RUNNING'
    UNION ALL
    SELECT 'IMPORT', i.tenant_id, i.id, NULL, coalesce(i.heartbeat_at, i.created_at)
    FROM lead_import i WHERE i.status = 'RUNNING'
    UNION ALL
    SELECT 'IMPORT_CHECK', i.tenant_id, i.id, NULL, i.created_at
    FROM lead_import i WHERE i.status = 'ANALYSING'
$$;
