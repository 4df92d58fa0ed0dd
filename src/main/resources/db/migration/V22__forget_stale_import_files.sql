-- Uploaded files are kept only while they are of use: an import that ended (done or failed) no longer needs its file
-- (LeadImports deletes it then), and a preview nobody confirmed within a week is closed and its file deleted, by this
-- look-up across workspaces (the narrow SECURITY DEFINER path, like running_background_work). Answers how many
-- imports it closed.
CREATE FUNCTION forget_stale_import_files(p_before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    closed integer;
BEGIN
    UPDATE lead_import SET status = 'FAILED', message = 'import.expired', finished_at = now()
    WHERE status = 'PREVIEWED' AND created_at < p_before;
    GET DIAGNOSTICS closed = ROW_COUNT;
    DELETE FROM lead_import_part p USING lead_import i
    WHERE i.tenant_id = p.tenant_id AND i.id = p.import_id AND i.status IN ('DONE', 'FAILED');
    RETURN closed;
END
$$;
REVOKE ALL ON FUNCTION forget_stale_import_files(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forget_stale_import_files(timestamptz) TO leadbridge_app;
