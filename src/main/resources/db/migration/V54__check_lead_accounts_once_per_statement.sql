-- A lead's creator and owner are checked once per statement instead of once per row (issue 21, ADR 0034), the way V53
-- checks its workspace and industry. An import writes 20,000 leads per statement, every one created by the same
-- account: as the foreign key lead_created_by_fk, each row ran a look-up of that account through SPI with FOR KEY
-- SHARE (83–110 ms of a 20,000-lead insert with timing on). lead_owner_fk was queued and called for every row too,
-- though a new lead has no owner. The guarantees stay in the database, in both directions, as the foreign keys gave
-- them (MATCH SIMPLE: a lead without creator or owner names nobody):
--
--   * a written lead, or one whose creator, owner or workspace changes, names accounts of its own workspace (the
--     accounts locked FOR KEY SHARE once per statement and distinct account, so a concurrent delete waits as before);
--   * an account that leads name cannot be deleted, nor its key changed (NO ACTION, as the foreign keys were; nothing in
--     the application deletes an account).
--
-- Errors are foreign_key_violation (23503), as before, naming the constraint the key had. SECURITY DEFINER, like the
-- foreign keys' own checks, so the checks see every workspace's accounts whatever the caller's row-level security.

ALTER TABLE lead DROP CONSTRAINT lead_created_by_fk;
ALTER TABLE lead DROP CONSTRAINT lead_owner_fk;

CREATE FUNCTION lead_accounts_checked() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    -- Nothing to do for leads without creator and owner (the API's): one scan of the transition table.
    IF NOT EXISTS (SELECT 1 FROM new_leads n WHERE n.created_by IS NOT NULL OR n.owner_id IS NOT NULL) THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM account a
    WHERE (a.tenant_id, a.id) IN (SELECT n.tenant_id, n.created_by FROM new_leads n WHERE n.created_by IS NOT NULL
                                  UNION
                                  SELECT n.tenant_id, n.owner_id FROM new_leads n WHERE n.owner_id IS NOT NULL)
    FOR KEY SHARE OF a;
    SELECT n.tenant_id || ', ' || n.created_by INTO missing
    FROM (SELECT DISTINCT tenant_id, created_by FROM new_leads WHERE created_by IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = n.tenant_id AND a.id = n.created_by)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_created_by_fk"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_created_by_fk', TABLE = 'lead',
                  DETAIL = format('Key (tenant_id, created_by)=(%s) is not present in table "account".', missing);
    END IF;
    SELECT n.tenant_id || ', ' || n.owner_id INTO missing
    FROM (SELECT DISTINCT tenant_id, owner_id FROM new_leads WHERE owner_id IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = n.tenant_id AND a.id = n.owner_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_owner_fk"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_owner_fk', TABLE = 'lead',
                  DETAIL = format('Key (tenant_id, owner_id)=(%s) is not present in table "account".', missing);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_accounts_insert AFTER INSERT ON lead REFERENCING NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_accounts_checked();
-- An update checks only the rows whose creator, owner or workspace changed (an assignment), as the foreign keys did;
-- transition tables cannot be combined with a column list, so this one is per row, like V53's.
CREATE FUNCTION lead_accounts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    IF NEW.created_by IS NOT NULL
       AND (NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id) THEN
        PERFORM 1 FROM account a WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.created_by FOR KEY SHARE OF a;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_created_by_fk"'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_created_by_fk', TABLE = 'lead',
                      DETAIL = format('Key (tenant_id, created_by)=(%s, %s) is not present in table "account".',
                                      NEW.tenant_id, NEW.created_by);
        END IF;
    END IF;
    IF NEW.owner_id IS NOT NULL
       AND (NEW.owner_id IS DISTINCT FROM OLD.owner_id OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id) THEN
        PERFORM 1 FROM account a WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.owner_id FOR KEY SHARE OF a;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_owner_fk"'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_owner_fk', TABLE = 'lead',
                      DETAIL = format('Key (tenant_id, owner_id)=(%s, %s) is not present in table "account".',
                                      NEW.tenant_id, NEW.owner_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_accounts_update AFTER UPDATE OF tenant_id, created_by, owner_id ON lead FOR EACH ROW
    WHEN ((NEW.created_by IS NOT NULL OR NEW.owner_id IS NOT NULL)
          AND (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.created_by IS DISTINCT FROM NEW.created_by
               OR OLD.owner_id IS DISTINCT FROM NEW.owner_id))
    EXECUTE FUNCTION lead_accounts_changed();

-- Accounts: one that leads name is neither deleted nor given another key. The look-ups are those the foreign keys'
-- NO ACTION checks made: lead_tenant_owner_created_idx for the owner; the workspace's leads for the creator (no index of
-- its own, as before).
CREATE FUNCTION lead_account_kept() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.tenant_id, NEW.id) = (OLD.tenant_id, OLD.id) THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM lead l WHERE l.tenant_id = OLD.tenant_id AND l.owner_id = OLD.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'update or delete on table "account" violates foreign key constraint "lead_owner_fk" on table "lead"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_owner_fk', TABLE = 'lead';
    END IF;
    PERFORM 1 FROM lead l WHERE l.tenant_id = OLD.tenant_id AND l.created_by = OLD.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'update or delete on table "account" violates foreign key constraint "lead_created_by_fk" on table "lead"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_created_by_fk', TABLE = 'lead';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER account_kept_for_leads BEFORE DELETE OR UPDATE OF tenant_id, id ON account
    FOR EACH ROW EXECUTE FUNCTION lead_account_kept();
