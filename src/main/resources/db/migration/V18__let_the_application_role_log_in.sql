-- The application logs in as leadbridge_app itself. Until now the pool logged in as the owner and ran
-- SET ROLE leadbridge_app, so row-level security rested on one statement that RESET ROLE undid. leadbridge_app stays
-- what V1 made it (no superuser, no BYPASSRLS, owning nothing); it only becomes a role one can log in as.
--
-- Roles belong to the server, not to a database: where another LeadBridge database on the same server (or whoever
-- manages the roles, see docs/adr/0001) made it a login role already, there is nothing to do.
--
-- V1 made the owner a member of leadbridge_app for its SET ROLE. That membership stays: instances of the previous
-- version keep opening connections that way during a rolling upgrade. It gives the owner nothing it lacks and gives
-- leadbridge_app nothing at all; once no such instance runs it may be revoked.
DO $$
BEGIN
    IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'leadbridge_app') THEN
        ALTER ROLE leadbridge_app LOGIN;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'leadbridge_app, the role the application logs in as, cannot log in, and % may not change that',
                current_user
            USING HINT = 'As a user who may alter roles, run: ALTER ROLE leadbridge_app LOGIN PASSWORD ''…''; '
                || 'then start LeadBridge again (docs/adr/0001).';
    WHEN OTHERS THEN
        -- Another database on this server altered the role at the same moment ("tuple concurrently updated").
        IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'leadbridge_app') THEN
            RAISE;
        END IF;
END
$$;
