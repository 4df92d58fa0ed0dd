-- Every primary key of a workspace's table begins with tenant_id (ADR 0007). A distributed PostgreSQL (Citus) spreads
-- the tables by tenant_id, and a primary key, unique key or foreign key there must hold that column. Until now these
-- fourteen tables had a primary key of the id alone, and most of them a second unique key (tenant_id, id) that the
-- foreign keys from other tables pointed at. Each now has the one key (tenant_id, id): the foreign keys are moved to
-- it, the second key is dropped. The ids stay unique on their own (each table's identity sequence gives them out).
DO $$
DECLARE
    t text;
    fk record;
BEGIN
    CREATE TEMPORARY TABLE moved_foreign_key (child regclass, name name, definition text) ON COMMIT DROP;
    FOREACH t IN ARRAY ARRAY['account', 'agreement_comment', 'agreement_version', 'api_key', 'criteria_reevaluation',
                             'dispute', 'handoff', 'lead', 'lead_comment', 'lead_event', 'lead_import',
                             'lead_stage_delta', 'notification', 'revenue_goal']
    LOOP
        INSERT INTO moved_foreign_key
        SELECT f.conrelid::regclass, f.conname, pg_get_constraintdef(f.oid)
        FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t::regclass;
        FOR fk IN SELECT * FROM moved_foreign_key LOOP
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.name);
        END LOOP;

        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', t, t || '_tenant_id_key');
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (tenant_id, id)', t, t || '_pkey');

        FOR fk IN SELECT * FROM moved_foreign_key LOOP
            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.child, fk.name, fk.definition);
        END LOOP;
        DELETE FROM moved_foreign_key;
    END LOOP;
END
$$;

-- The stage counts' fold takes the oldest changes of all workspaces, in the order they were written (V14).
CREATE INDEX lead_stage_delta_in_order ON lead_stage_delta (id);
