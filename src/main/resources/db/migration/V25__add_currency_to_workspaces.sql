-- The workspace's currency: every amount (goals, bonus pools, deal values, won revenue) is in it, written for the
-- reader's language. An ISO 4217 code; the application offers a bounded choice of them.
ALTER TABLE tenant ADD COLUMN currency varchar(3) NOT NULL DEFAULT 'EUR'
    CONSTRAINT tenant_currency_format CHECK (currency ~ '^[A-Z]{3}$');

-- A workspace's currency, for formatting outside a transaction (like its time zone); answers only the code.
CREATE FUNCTION tenant_currency(p_tenant uuid) RETURNS varchar
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT currency FROM tenant WHERE id = p_tenant $$;
REVOKE ALL ON FUNCTION tenant_currency(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_currency(uuid) TO leadbridge_app;
