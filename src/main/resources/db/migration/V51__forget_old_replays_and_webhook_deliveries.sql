-- Two tables grew for ever: every intake request with a key left its answer in idempotent_request, and every webhook
-- delivery stayed in webhook_delivery. Both are now forgotten after a while, a bounded number per call, across all
-- workspaces, like the mail outbox (V35). The lead and webhook modules declare them (lead.IntakeReplays,
-- webhook.DeliveryHousekeeping), and tenant.OldRowsHousekeeping calls them, and the mail outbox's forget_old_mail,
-- every hour on each instance.

-- The housekeeping's look for old rows, across workspaces (no workspace key: it serves no workspace's page).
CREATE INDEX idempotent_request_created_idx ON idempotent_request (created_at);
CREATE INDEX webhook_delivery_done_created_idx ON webhook_delivery (created_at) WHERE state <> 'PENDING';

-- An intake request's remembered answer, once older than p_before: a retry after that is answered as any request is
-- (a lead whose e-mail address or external id exists already is a 409 duplicate naming it), so nothing is created
-- twice; it is only no longer a replay.
CREATE FUNCTION forget_old_intake_replays(p_before timestamptz, p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    forgotten integer;
BEGIN
    DELETE FROM idempotent_request r
    WHERE (r.tenant_id, r.idempotency_key) IN (SELECT tenant_id, idempotency_key FROM idempotent_request
                                               WHERE created_at < p_before LIMIT p_limit);
    GET DIAGNOSTICS forgotten = ROW_COUNT;
    RETURN forgotten;
END
$$;
REVOKE ALL ON FUNCTION forget_old_intake_replays(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forget_old_intake_replays(timestamptz, integer) TO leadbridge_app;

-- Delivered and failed webhook deliveries older than p_before; pending ones stay until they are sent or given up.
CREATE FUNCTION forget_old_webhook_deliveries(p_before timestamptz, p_limit integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    forgotten integer;
BEGIN
    DELETE FROM webhook_delivery d
    WHERE (d.tenant_id, d.id) IN (SELECT tenant_id, id FROM webhook_delivery
                                  WHERE state <> 'PENDING' AND created_at < p_before LIMIT p_limit);
    GET DIAGNOSTICS forgotten = ROW_COUNT;
    RETURN forgotten;
END
$$;
REVOKE ALL ON FUNCTION forget_old_webhook_deliveries(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forget_old_webhook_deliveries(timestamptz, integer) TO leadbridge_app;
