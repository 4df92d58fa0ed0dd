-- One e-mail address may have an account in several workspaces (a consultant, a person with a test workspace), so
-- neither sign-up nor another workspace's admin learns whether an address has an account anywhere else. Within a
-- workspace an address is still unique. Sign-in checks the password against each account of the address and asks
-- which workspace when it opens more than one.
DROP INDEX account_email_key;
CREATE UNIQUE INDEX account_email_key ON account (tenant_id, lower(email));
CREATE INDEX account_login_idx ON account (lower(email));

DROP FUNCTION find_login_account(text);
DROP FUNCTION email_registered(text);

-- The accounts of an e-mail address across all workspaces, or in the one workspace with the slug p_workspace, before
-- a tenant is known (SECURITY DEFINER, like the function it replaces): at most ten, the longest-standing first. (A
-- person whose address someone used for more than ten workspaces signs in at their workspace's own sign-in address.)
CREATE FUNCTION find_login_accounts(p_email text, p_workspace text)
    RETURNS TABLE (account_id bigint, tenant_id uuid, tenant_name varchar, email varchar, display_name varchar,
                   password_hash varchar, roles text[], active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT a.id, a.tenant_id, t.name, a.email, a.display_name, a.password_hash, a.roles, a.active
    FROM account a JOIN tenant t ON t.id = a.tenant_id
    WHERE lower(a.email) = lower(p_email) AND (p_workspace IS NULL OR t.slug = p_workspace)
    ORDER BY a.id
    LIMIT 10
$$;

REVOKE ALL ON FUNCTION find_login_accounts(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION find_login_accounts(text, text) TO leadbridge_app;
