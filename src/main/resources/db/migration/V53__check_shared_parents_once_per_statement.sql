-- A lead's workspace and industry, and an evaluation's criteria version, are checked once per statement instead of once
-- per row (issue 21, ADR 0034). Every lead a batch of 500 or an import of 20,000 writes names the same workspace row and
-- one of a few industry rows, and every evaluation the same active version: as foreign keys, each of those rows ran a
-- look-up of its parent through SPI with FOR KEY SHARE, and 16 concurrent batches made the shared parent tuples'
-- lockers MultiXacts. The guarantees stay in the database, in both directions, as the foreign keys gave them:
--
--   * a written or changed child names a parent that exists (the checks below, with the parents locked FOR KEY SHARE
--     once per statement and distinct parent, so a concurrent delete waits for the writer's commit as before);
--   * a parent that children name cannot be deleted, nor its key changed (the guards below; the foreign keys were
--     NO ACTION, and nothing in the application deletes a workspace, an industry or an agreement version).
--
-- Errors are foreign_key_violation (23503), as before, naming the constraint the key had.
--
-- The functions are SECURITY DEFINER, like the foreign keys' own checks, which see every workspace's rows whatever the
-- caller's row-level security.

ALTER TABLE lead DROP CONSTRAINT lead_tenant_id_fkey;
ALTER TABLE lead DROP CONSTRAINT lead_industry_fk;
ALTER TABLE lead_evaluation DROP CONSTRAINT lead_evaluation_version_fk;

-- Children: the leads of a statement name existing workspaces and (when they have one) existing industries of theirs.
CREATE FUNCTION lead_parents_checked() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    -- Lock each distinct parent once (the foreign keys locked it once per row), then look for one that is missing.
    PERFORM 1 FROM tenant t WHERE t.id IN (SELECT DISTINCT n.tenant_id FROM new_leads n) FOR KEY SHARE OF t;
    SELECT n.tenant_id::text INTO missing
    FROM (SELECT DISTINCT tenant_id FROM new_leads) n
    WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = n.tenant_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_tenant_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_tenant_id_fkey', TABLE = 'lead',
                  DETAIL = format('Key (tenant_id)=(%s) is not present in table "tenant".', missing);
    END IF;
    PERFORM 1 FROM industry i
    WHERE (i.tenant_id, i.code) IN (SELECT DISTINCT n.tenant_id, n.industry FROM new_leads n WHERE n.industry IS NOT NULL)
    FOR KEY SHARE OF i;
    SELECT n.tenant_id || ', ' || n.industry INTO missing
    FROM (SELECT DISTINCT tenant_id, industry FROM new_leads WHERE industry IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM industry i WHERE i.tenant_id = n.tenant_id AND i.code = n.industry)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_industry_fk"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_industry_fk', TABLE = 'lead',
                  DETAIL = format('Key (tenant_id, industry)=(%s) is not present in table "industry".', missing);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_parents_insert AFTER INSERT ON lead REFERENCING NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_parents_checked();
-- An update checks only the rows whose workspace or industry changed (an edit of the industry, now and then), as the
-- foreign keys did; transition tables cannot be combined with a column list, so this one is per row.
CREATE FUNCTION lead_parents_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM tenant t WHERE t.id = NEW.tenant_id FOR KEY SHARE OF t;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_tenant_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_tenant_id_fkey', TABLE = 'lead',
                  DETAIL = format('Key (tenant_id)=(%s) is not present in table "tenant".', NEW.tenant_id);
    END IF;
    IF NEW.industry IS NOT NULL THEN
        PERFORM 1 FROM industry i WHERE i.tenant_id = NEW.tenant_id AND i.code = NEW.industry FOR KEY SHARE OF i;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insert or update on table "lead" violates foreign key constraint "lead_industry_fk"'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_industry_fk', TABLE = 'lead',
                      DETAIL = format('Key (tenant_id, industry)=(%s, %s) is not present in table "industry".',
                                      NEW.tenant_id, NEW.industry);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_parents_update AFTER UPDATE OF tenant_id, industry ON lead FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.industry IS DISTINCT FROM NEW.industry)
    EXECUTE FUNCTION lead_parents_changed();

-- Children: the evaluations of a statement name existing versions of their workspace (inserted, or changed by the
-- ON CONFLICT update of an evaluation on write and by a re-evaluation: once per statement there too).
CREATE FUNCTION lead_evaluation_version_checked() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    PERFORM 1 FROM agreement_version v
    WHERE (v.tenant_id, v.id) IN (SELECT DISTINCT n.tenant_id, n.version_id FROM new_evaluations n)
    FOR KEY SHARE OF v;
    SELECT n.tenant_id || ', ' || n.version_id INTO missing
    FROM (SELECT DISTINCT tenant_id, version_id FROM new_evaluations) n
    WHERE NOT EXISTS (SELECT 1 FROM agreement_version v WHERE v.tenant_id = n.tenant_id AND v.id = n.version_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "lead_evaluation" violates foreign key constraint "lead_evaluation_version_fk"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'lead_evaluation_version_fk', TABLE = 'lead_evaluation',
                  DETAIL = format('Key (tenant_id, version_id)=(%s) is not present in table "agreement_version".', missing);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lead_evaluation_version_insert AFTER INSERT ON lead_evaluation REFERENCING NEW TABLE AS new_evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION lead_evaluation_version_checked();
CREATE TRIGGER lead_evaluation_version_update AFTER UPDATE ON lead_evaluation REFERENCING NEW TABLE AS new_evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION lead_evaluation_version_checked();

-- Parents: a workspace, an industry or a version that children name is neither deleted nor given another key. The
-- look-ups are those the foreign keys' NO ACTION checks made (lead_pkey for a workspace; the workspace's leads for an
-- industry, and its evaluations for a version, without an index of their own, as before).
CREATE FUNCTION lead_parent_kept() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    constraint_name text;
    child text;
BEGIN
    IF TG_TABLE_NAME = 'tenant' THEN
        IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
            RETURN NEW;
        END IF;
        PERFORM 1 FROM lead l WHERE l.tenant_id = OLD.id LIMIT 1;
        constraint_name := 'lead_tenant_id_fkey';
        child := 'lead';
    ELSIF TG_TABLE_NAME = 'industry' THEN
        IF TG_OP = 'UPDATE' AND (NEW.tenant_id, NEW.code) = (OLD.tenant_id, OLD.code) THEN
            RETURN NEW;
        END IF;
        PERFORM 1 FROM lead l WHERE l.tenant_id = OLD.tenant_id AND l.industry = OLD.code LIMIT 1;
        constraint_name := 'lead_industry_fk';
        child := 'lead';
    ELSE
        IF TG_OP = 'UPDATE' AND (NEW.tenant_id, NEW.id) = (OLD.tenant_id, OLD.id) THEN
            RETURN NEW;
        END IF;
        PERFORM 1 FROM lead_evaluation e WHERE e.tenant_id = OLD.tenant_id AND e.version_id = OLD.id LIMIT 1;
        constraint_name := 'lead_evaluation_version_fk';
        child := 'lead_evaluation';
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                TG_TABLE_NAME, constraint_name, child
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = child;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER tenant_kept_for_leads BEFORE DELETE OR UPDATE OF id ON tenant
    FOR EACH ROW EXECUTE FUNCTION lead_parent_kept();
CREATE TRIGGER industry_kept_for_leads BEFORE DELETE OR UPDATE OF tenant_id, code ON industry
    FOR EACH ROW EXECUTE FUNCTION lead_parent_kept();
CREATE TRIGGER agreement_version_kept_for_evaluations BEFORE DELETE OR UPDATE OF tenant_id, id ON agreement_version
    FOR EACH ROW EXECUTE FUNCTION lead_parent_kept();
